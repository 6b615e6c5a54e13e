import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { Id } from '../http/numbers.ts';
import { ErrorResponse } from '../http/params.ts';
import { CreateUserBody, UpdateUserBody, User } from './users.schemas.ts';

const IdParams = Type.Object({ id: Id() }, { additionalProperties: false });

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: { tags: ['admin'], summary: 'Danh sách người dùng / users', response: { 200: Type.Array(User) } },
    },
    async (request) => app.services.users.list(request),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Tạo người dùng / create a user',
        body: CreateUserBody,
        response: { 201: User, 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.users.create(request, request.body)),
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
        response: { 200: User, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => app.services.users.update(request, request.params.id, request.body),
  );

  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Mở khóa đăng nhập / lift the lock set after too many failed sign-ins',
        params: IdParams,
        response: { 200: User, 404: ErrorResponse },
      },
    },
    async (request) => app.services.users.unlock(request, request.params.id),
  );
};
