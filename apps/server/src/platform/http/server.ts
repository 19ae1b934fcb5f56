import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { App } from '../context.ts';
import { AppError, httpStatusOf } from '../errors.ts';
import { actorFromRequest, SESSION_COOKIE } from './auth-hooks.ts';

export type Server = FastifyInstance;
export type ZodServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Builds the HTTP server: one error format `{code, message, details, requestId}`, OpenAPI from the
 * zod schemas, cookie sessions and API keys, rate limits. Routes register through `routes`.
 */
export async function buildServer(
  app: App,
  routes: Array<(s: ZodServer, app: App) => void>,
): Promise<Server> {
  const server: Server = Fastify({
    loggerInstance: app.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: app.config.LINLI_BODY_LIMIT_MB * 1024 * 1024,
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && /^[\w.-]{1,64}$/.test(req.headers['x-request-id'])
        ? req.headers['x-request-id']
        : randomUUID(),
    trustProxy: true,
  }) as unknown as Server;
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  server.addHook('onResponse', async (req, reply) => {
    if (req.url.startsWith('/api/'))
      req.log.info(
        {
          method: req.method,
          url: req.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
  });
  server.setErrorHandler((err, req, reply) => {
    const body = toErrorBody(err, req);
    if (body.status >= 500) req.log.error({ err }, 'request failed');
    void reply
      .status(body.status)
      .send({ code: body.code, message: body.message, details: body.details, requestId: req.id });
  });
  const console = existsSync(path.join(app.config.webDir, 'index.html'));
  server.setNotFoundHandler((req, reply) => {
    // The console routes in the browser: any other GET for a page gets its index.html.
    if (console && req.method === 'GET' && !isApiPath(req.url)) {
      void reply.header('cache-control', 'no-cache').sendFile('index.html');
      return;
    }
    void reply.status(404).send({
      code: 'http.not_found',
      message: `No route ${req.method} ${req.url.split('?')[0]}`,
      requestId: req.id,
    });
  });

  await server.register(cookie);
  await server.register(multipart, {
    // two files at most: the backtest lab sends sales and items together; imports read the first
    limits: { fileSize: app.config.LINLI_UPLOAD_LIMIT_MB * 1024 * 1024, files: 2 },
  });
  if (console)
    await server.register(fastifyStatic, {
      root: app.config.webDir,
      wildcard: false,
      // file names under assets/ carry a content hash: cache them for good; never cache the page
      setHeaders: (res, file) =>
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  await server.register(rateLimit, {
    global: true,
    max: app.config.LINLI_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    keyGenerator: (req) => String(req.headers['x-api-key'] ?? req.cookies?.[SESSION_COOKIE] ?? req.ip),
    allowList: (req) => !isApiPath(req.url),
    errorResponseBuilder: (req, ctx) => ({
      statusCode: 429,
      code: 'http.rate_limited',
      message: `Rate limit of ${ctx.max} requests per ${ctx.after === '1 minute' ? 'minute' : ctx.after} exceeded; retry in ${ctx.after}`,
      requestId: req.id,
    }),
  });
  await server.register(swagger, {
    openapi: {
      info: {
        title: 'Linli API',
        version: '0.1.0',
        description: '邻里 community group-buying operations platform',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });
  server.get('/api/openapi.json', { schema: { hide: true } }, async () => server.swagger());

  server.decorateRequest('actor', null);
  server.addHook('preHandler', async (req) => {
    req.actor = await actorFromRequest(app, req);
  });

  const typed = server.withTypeProvider<ZodTypeProvider>();
  for (const register of routes) register(typed, app);
  return server;
}

interface ErrorBody {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

function toErrorBody(err: unknown, req: FastifyRequest): ErrorBody {
  if (err instanceof AppError)
    return { status: httpStatusOf[err.kind], code: err.code, message: err.message, details: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      reason: v.message,
    }));
    return {
      status: 400,
      code: 'request.invalid',
      message: `Invalid request: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`,
      details,
    };
  }
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE')
    return {
      status: 413,
      code: 'import.file_too_large',
      message: 'The file exceeds the upload limit (LINLI_UPLOAD_LIMIT_MB)',
    };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return {
      status: 413,
      code: 'request.too_large',
      message: `Request body exceeds ${Math.round(Number(req.routeOptions.bodyLimit ?? 0) / 1048576)} MB; send smaller batches`,
    };
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? '')))
    return { status: 400, code: 'request.json_invalid', message: `Malformed JSON: ${e.message}` };
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return {
      status: 415,
      code: 'request.unsupported_media_type',
      message: e.message ?? 'Unsupported media type',
    };
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return { status: 400, code: 'request.body_missing', message: 'Request body is empty' };
  if (e.statusCode === 429)
    return { status: 429, code: 'http.rate_limited', message: e.message ?? 'Too many requests' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return {
      status: e.statusCode,
      code: `http.${e.code ?? 'bad_request'}`,
      message: e.message ?? 'Bad request',
    };
  return {
    status: 500,
    code: 'internal',
    message: 'Internal error; the request id identifies it in the log',
  };
}

/** API, docs and health endpoints; everything else may be a console page or asset. */
function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz');
}
