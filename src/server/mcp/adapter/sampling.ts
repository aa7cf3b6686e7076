import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CreateMessageResultSchema, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';

/** A question for the calling client's model, in the protocol's shape. */
export interface SamplingQuestion {
  systemPrompt: string;
  messages: Array<{ role: 'user'; content: { type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string } }>;
  temperature: number;
  maxTokens: number;
  signal?: AbortSignal;
}

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
