/** A message of a Server-Sent Events stream. */
export interface SseMessage {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds the next piece of the stream: pieces may split lines and messages anywhere. */
  push(text: string): void;
}

/**
 * Parses the text/event-stream format incrementally (the WHATWG rules that matter here): `event:`
 * and `data:` fields, data spread over several lines, comment lines starting with `:`, LF, CRLF
 * or CR line ends, and a blank line ending each message.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): SseParser {
  let pending = '';
  let eventName = '';
  let dataLines: string[] = [];

  function dispatch(): void {
    if (dataLines.length > 0) onMessage({ event: eventName === '' ? 'message' : eventName, data: dataLines.join('\n') });
    eventName = '';
    dataLines = [];
  }

  function processLine(line: string): void {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  }

  return {
    push(text) {
      pending += text;
      // A trailing CR may be the first half of a CRLF split across pieces: keep it for later.
      const complete = pending.endsWith('\r') ? pending.length - 1 : pending.length;
      const lines = pending.slice(0, complete).split(/\r\n|\r|\n/);
      pending = (lines.pop() ?? '') + pending.slice(complete);
      for (const line of lines) processLine(line);
    },
  };
}
