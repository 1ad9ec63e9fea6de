import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FieldProblem } from '../visit/primitives';

/**
 * The published OpenAPI document enforced at the door, before any route runs: a method the
 * document does not list for a known path answers 405 with `Allow`, and a query parameter with an
 * enum must take one of its values (400). Unknown paths fall through to the 404 answer.
 */

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { enum?: unknown[] };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
}

export interface OpenApiPaths {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface ContractPath {
  pattern: RegExp;
  operations: Map<string, OpenApiOperation>;
  allow: string;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function compilePath(template: string, operations: Record<string, OpenApiOperation>): ContractPath {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  const byMethod = new Map(
    Object.entries(operations)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => [method.toUpperCase(), operation] as const),
  );
  const methods = [...byMethod.keys()];
  if (byMethod.has('GET')) methods.push('HEAD');
  // Express routes match case-insensitively and with an optional trailing slash; so does this.
  return { pattern: new RegExp(`^${escaped}/?$`, 'i'), operations: byMethod, allow: methods.join(', ') };
}

function queryProblems(operation: OpenApiOperation, query: Request['query']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const parameter of operation.parameters ?? []) {
    const allowed = parameter.schema?.enum;
    if (parameter.in !== 'query' || !allowed || !(parameter.name in query)) continue;
    const value = query[parameter.name];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      problems.push({
        path: `query.${parameter.name}`,
        message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, given once`,
      });
    }
  }
  return problems;
}

export function enforceContract(document: OpenApiPaths): RequestHandler {
  const paths = Object.entries(document.paths).map(([template, operations]) =>
    compilePath(template, operations),
  );
  return (req: Request, res: Response, next: NextFunction) => {
    const path = paths.find((p) => p.pattern.test(req.path));
    // OPTIONS is answered by the router itself, with the same Allow list.
    if (!path || req.method === 'OPTIONS') return next();
    const operation = path.operations.get(req.method === 'HEAD' ? 'GET' : req.method);
    if (!operation) {
      res.set('Allow', path.allow);
      res.status(405).json({ error: `${req.method} is not allowed here; allowed: ${path.allow}` });
      return;
    }
    const problems = queryProblems(operation, req.query);
    if (problems.length > 0) {
      res.status(400).json({ error: 'invalid query parameters', problems });
      return;
    }
    next();
  };
}
