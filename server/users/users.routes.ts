import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { ErrorResponse } from '../http/params.ts';
import { CreateUserBody, UpdateUserBody, User } from './users.schemas.ts';

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: { tags: ['admin'], summary: 'Danh sách người dùng / users', response: { 200: Type.Array(User) } },
    },
    async () => app.services.users.list(),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Tạo người dùng / create a user',
        body: CreateUserBody,
        response: { 201: User, 400: ErrorResponse, 409: ErrorResponse },
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
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        body: UpdateUserBody,
        response: { 200: User, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => app.services.users.update(request, request.params.id, request.body),
  );
};
