import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';

/*
 * The public part of the HTTP contract (shared/design/API.md), inferred from the backend's routes
 * through Hono's typed client: a changed contract breaks this build, not the citizen.
 */
type PointGet = ApiClient['api']['public']['points'][':token']['$get'];
type ResponsesPost = ApiClient['api']['public']['responses']['$post'];

export type PublicPoint = InferResponseType<PointGet, 200>;
export type PersonRef = PublicPoint['officers'][number];
export type FieldRef = PublicPoint['fields'][number];
export type FormLevel = PublicPoint['form']['levels'][number];
/** A question or an issue as the UI shows it (both shapes are assignable to it). */
export interface FormItem {
  readonly key: string;
  readonly label: string;
}

export type ResponseBody = InferRequestType<ResponsesPost>['json'];
export type ResponseAnswers = ResponseBody['answers'];
export type ResponseReceipt = InferResponseType<ResponsesPost, 201>;

/** The error body every non-2xx answer carries (not part of the inferred types). */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly { readonly path: string; readonly message: string }[];
  };
}
