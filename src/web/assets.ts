import { Router } from 'express';
import path from 'node:path';

/**
 * The browser's files, served from this origin (the app works offline): the libraries straight
 * from their installed packages, so there is no build step and nothing built is committed.
 */
const chartDist = path.dirname(require.resolve('chart.js'));
export const ASSETS: Record<string, string> = {
  'htmx.min.js': require.resolve('htmx.org/dist/htmx.min.js'),
  'chart.umd.min.js': path.join(chartDist, 'chart.umd.min.js'),
  'pico.min.css': require.resolve('@picocss/pico/css/pico.min.css'),
  'app.js': path.join(__dirname, 'public', 'app.js'),
  'dashboard.js': path.join(__dirname, 'public', 'dashboard.js'),
  'claim.js': path.join(__dirname, 'public', 'claim.js'),
  'app.css': path.join(__dirname, 'public', 'app.css'),
};

export function assetRoutes(): Router {
  const router = Router();
  router.get('/assets/:name', (req, res, next) => {
    const file = Object.hasOwn(ASSETS, req.params.name) ? ASSETS[req.params.name] : undefined;
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h', headers: { 'x-content-type-options': 'nosniff' } });
  });
  return router;
}
