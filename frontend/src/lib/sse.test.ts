import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse';

function parse(...pieces: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message));
  for (const piece of pieces) parser.push(piece);
  return messages;
}

describe('createSseParser', () => {
  it('parses named events', () => {
    expect(parse('event: workspace:created\ndata: {"name":"a"}\n\n')).toEqual([
      { event: 'workspace:created', data: '{"name":"a"}' },
    ]);
  });

  it('reassembles messages split anywhere across chunks', () => {
    const stream = 'event: settings:updated\ndata: {"theme":"dark"}\n\nevent: workspace:deleted\ndata: {"name":"b"}\n\n';
    const expected = parse(stream);
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(parse(stream.slice(0, cut), stream.slice(cut))).toEqual(expected);
    }
    expect(parse(...stream.split(''))).toEqual(expected);
  });

  it('joins multi-line data with newlines', () => {
    expect(parse('data: first\ndata: second\ndata:third\n\n')).toEqual([{ event: 'message', data: 'first\nsecond\nthird' }]);
  });

  it('ignores comments and heartbeats', () => {
    expect(parse(': connected\n\n: heartbeat\n\nevent: stream:lagged\n: in between\ndata: {"missed":3}\n\n')).toEqual([
      { event: 'stream:lagged', data: '{"missed":3}' },
    ]);
  });

  it('accepts CRLF and CR line ends, even a CRLF split across chunks', () => {
    expect(parse('event: a\r\ndata: 1\r', '\n\r\nevent: b\rdata: 2\r\r', ': heartbeat\r\n')).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('waits for the blank line before dispatching', () => {
    expect(parse('event: a\ndata: 1\n')).toEqual([]);
  });
});
