import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { IdParams } from '../http/params.schemas.ts';
import { CreateUserBody, UpdateUserBody, User } from './users.schemas.ts';

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { users } = app.services;

  app.get(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: { tags: ['admin'], summary: 'Danh sách người dùng / users', response: { 200: Type.Array(User) } },
    },
    async (request) => users.list(request.ctx),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Tạo người dùng / create a user',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(request.ctx, request.body)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Sửa, khóa, phân quyền người dùng / update, disable or scope a user',
        description: 'A new password also signs the user out everywhere and revokes their API tokens.',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => users.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Mở khóa đăng nhập / lift the lock set after too many failed sign-ins',
        params: IdParams,
        response: { 200: User, ...errorResponses(404) },
      },
    },
    async (request) => users.unlock(request.ctx, request.params.id),
  );
};
