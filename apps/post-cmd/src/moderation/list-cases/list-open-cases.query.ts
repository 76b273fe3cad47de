import { Query } from '@nestjs/cqrs';
import type { OpenCasesResponse } from './open-cases.response';

export class ListOpenCasesQuery extends Query<OpenCasesResponse> {}
