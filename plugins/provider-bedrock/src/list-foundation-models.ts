import { type CallOptions, ConnectorError, type ModelCapabilities } from '@hub/core';
import type { ListedModel } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import { BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
import type { FoundationModelList, FoundationModelSummary } from './bedrock-wire-types.js';
import { findBedrockModel } from './find-bedrock-model.js';
import type { BedrockTransport } from './internal/bedrock-transport.js';

// what the list says about a model the catalog does not know; anything it does not say is false
function capabilitiesOf(summary: FoundationModelSummary): ModelCapabilities {
  const embedding = summary.outputModalities?.includes('EMBEDDING') === true;
  return {
    streaming: summary.responseStreamingSupported === true,
    tools: false,
    vision: summary.inputModalities?.includes('IMAGE') === true,
    json: false,
    ...(embedding && { embedding }),
  };
}

/**
 * The region's text and embedding models from the control plane's ListFoundationModels
 * (`GET /foundation-models`, one page), for the kit to merge over the catalog: a model the catalog
 * knows is listed by id only (the catalog's figures win); one it does not know carries what the
 * list says (streaming, image input, embeddings). Image generators and provisioned-only variants
 * are left out.
 *
 * @throws ConnectorError as any call does; `parse` when the answer holds no `modelSummaries`.
 */
export async function listFoundationModels(
  controlPlane: BedrockTransport,
  options: CallOptions,
): Promise<ListedModel[]> {
  const call = controlPlane.startCall(options);
  try {
    const response = await controlPlane.getJson<FoundationModelList>('/foundation-models', {}, call);
    const summaries = response.body?.modelSummaries;
    if (!Array.isArray(summaries)) {
      throw new ConnectorError('parse', 'The model list holds no modelSummaries.', {
        providerId: BEDROCK_PROVIDER_ID,
        status: response.status,
      });
    }
    const listed: ListedModel[] = [];
    for (const summary of summaries as readonly FoundationModelSummary[]) {
      const id = summary.modelId;
      if (typeof id !== 'string' || id === '') continue;
      const outputs = summary.outputModalities ?? [];
      if (!outputs.includes('TEXT') && !outputs.includes('EMBEDDING')) continue;
      // provisioned-only variants (`…:0:200k`) cannot be called on demand
      const inference = summary.inferenceTypesSupported;
      if (
        inference !== undefined &&
        !inference.includes('ON_DEMAND') &&
        !inference.includes('INFERENCE_PROFILE')
      ) {
        continue;
      }
      listed.push(
        findBedrockModel(id, BEDROCK_MODEL_CATALOG) === undefined
          ? { id, capabilities: capabilitiesOf(summary) }
          : id,
      );
    }
    return listed;
  } finally {
    call.deadline.dispose();
  }
}
