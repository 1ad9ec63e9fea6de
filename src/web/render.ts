import type { Response } from 'express';
import path from 'node:path';
import { Eta } from 'eta';
import type { StaffActor } from '../auth/roles';
import { navigationFor, type NavItem } from './navigation';

/** Templates in src/web/views; every `<%= %>` is HTML-escaped (Eta's autoEscape). */
const eta = new Eta({ views: path.join(__dirname, 'views'), cache: true, autoTrim: false });

export interface PageContext {
  title: string;
  /** The signed-in person; absent on the sign-in page. */
  user?: StaffActor;
  /** The session's CSRF token, sent back by the page's scripts in X-CSRF-Token. */
  csrfToken?: string;
  /** The navigation entry of this page (its link is marked aria-current). */
  current?: string;
  scripts?: string[];
}

/** JSON placed in a `<script type="application/json">`: `<` escaped so nothing closes the tag. */
export function jsonForPage(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A full page: the view inside the layout. Pages allow scripts and styles from this origin only
 * (no inline script, so injected markup cannot run).
 */
export function renderPage(
  res: Response,
  view: string,
  page: PageContext,
  data: Record<string, unknown> = {},
  status = 200,
): void {
  const nav: NavItem[] = page.user ? navigationFor(page.user.role) : [];
  const body = eta.render(view, { ...data, page });
  const html = eta.render('layout', { page, nav, body });
  res.status(status).set(PAGE_HEADERS).type('html').send(html);
}

/** A piece of a page (htmx swaps it in). */
export function renderFragment(res: Response, view: string, data: Record<string, unknown>): void {
  res.set(PAGE_HEADERS).type('html').send(eta.render(view, data));
}

/** A standalone document (a patient statement): its own <html>, no staff navigation. */
export function renderDocument(res: Response, view: string, data: Record<string, unknown>): void {
  res.set(PAGE_HEADERS).type('html').send(eta.render(view, data));
}

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
