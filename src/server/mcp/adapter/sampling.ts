import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CreateMessageResultSchema,
  type CreateMessageRequestParamsBase,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';

/** A question for the calling client's model: the protocol's own request, and a way to cancel it. */
export type SamplingQuestion = Pick<CreateMessageRequestParamsBase, 'systemPrompt' | 'messages' | 'temperature' | 'maxTokens'> & { signal?: AbortSignal };

export type Sampling = (question: SamplingQuestion) => Promise<{ text: string; model: string }>;

/** Sampling requests sent back to the client within the tool call that needs them. */
export function samplingThrough(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Sampling {
  return async (question) => {
    const result = await extra.sendRequest(
      {
        method: 'sampling/createMessage',
        params: {
          systemPrompt: question.systemPrompt,
          messages: question.messages,
          temperature: question.temperature,
          maxTokens: question.maxTokens,
          includeContext: 'none',
        },
      },
      CreateMessageResultSchema,
      { signal: question.signal },
    );
    const content = Array.isArray(result.content) ? result.content : [result.content];
    const text = content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    return { text, model: result.model };
  };
}
