import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { saveDownload } from './download.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * Paper ballots (R6.2): batches opened from the ballot box, forms typed and corrected, the commit
 * and the printable form (backend paper.routes.ts), typed through the same `hc` client.
 */
type UnitApi = ApiClient['api']['units'][':unitId'];
type BatchesApi = UnitApi['paper-batches'];
type BatchApi = BatchesApi[':batchId'];
export type PaperBatchSummary = InferResponseType<BatchesApi['$get'], 200>['batches'][number];
export type PaperBatchView = InferResponseType<BatchApi['$get'], 200>;
export type PaperBatchStatus = PaperBatchView['status'];
export type PaperForm = PaperBatchView['forms'][number];
export type OpenBatchInput = InferRequestType<BatchesApi['$post']>['json'];
export type PaperFormInput = InferRequestType<BatchApi['forms']['$post']>['json'];
export type CommitResult = InferResponseType<BatchApi['commit']['$post'], 200>;

/** The unit's batches, newest first, each with how many forms it holds. */
export async function fetchBatches(unitId: string): Promise<PaperBatchSummary[]> {
  const res = await ok(api().units[':unitId']['paper-batches'].$get({ param: { unitId }, query: { limit: '50' } }, auth()));
  return (await res.json()).batches;
}

/** Opens a ballot box: the day it was opened, the day its forms count in, how many were found. */
export async function openBatch(unitId: string, input: OpenBatchInput): Promise<PaperBatchSummary['id']> {
  const res = await ok(api().units[':unitId']['paper-batches'].$post({ param: { unitId }, json: input }, auth()));
  return (await res.json()).id;
}

/** A batch with its typed forms and the key of the form they answer. */
export async function fetchBatch(unitId: string, batchId: string): Promise<PaperBatchView> {
  const res = await ok(api().units[':unitId']['paper-batches'][':batchId'].$get({ param: { unitId, batchId } }, auth()));
  return (await res.json()) as PaperBatchView;
}

/** Adds a typed form (nothing is counted before the commit); refusals carry the server's message and details. */
export async function addPaperForm(unitId: string, batchId: string, input: PaperFormInput): Promise<{ formNo: number; entered: number }> {
  const res = await ok(api().units[':unitId']['paper-batches'][':batchId'].forms.$post({ param: { unitId, batchId }, json: input }, auth()));
  return await res.json();
}

/** Corrects a typed form before the commit. */
export async function editPaperForm(unitId: string, batchId: string, formNo: number, input: PaperFormInput): Promise<void> {
  await ok(api().units[':unitId']['paper-batches'][':batchId'].forms[':formNo'].$put({ param: { unitId, batchId, formNo: String(formNo) }, json: input }, auth()));
}

/** Removes a typed form before the commit. */
export async function removePaperForm(unitId: string, batchId: string, formNo: number): Promise<void> {
  await ok(api().units[':unitId']['paper-batches'][':batchId'].forms[':formNo'].$delete({ param: { unitId, batchId, formNo: String(formNo) } }, auth()));
}

/** Stores the batch's forms as responses, once, and only when their number is the number found (else 409, nothing stored). */
export async function commitBatch(unitId: string, batchId: string): Promise<CommitResult> {
  const res = await ok(api().units[':unitId']['paper-batches'][':batchId'].commit.$post({ param: { unitId, batchId } }, auth()));
  return await res.json();
}

/** Sets an open batch aside: nothing of it is counted. */
export async function discardBatch(unitId: string, batchId: string): Promise<void> {
  await ok(api().units[':unitId']['paper-batches'][':batchId'].discard.$post({ param: { unitId, batchId } }, auth()));
}

/** Downloads the printable form of the unit's counter point (A4 PDF), under the server's file name. */
export async function downloadPaperForm(unitId: string): Promise<string> {
  const res = await ok(api().units[':unitId']['paper-form.pdf'].$get({ param: { unitId }, query: {} }, auth()));
  return saveDownload(res, 'phieu-khao-sat.pdf');
}
