/** A caption's length as the platforms and the backend count it: in Unicode code points. */
export function captionLength(text: string): number {
  return [...text].length;
}

/** The caption that goes out on channel: its own when not blank, else the common one (backend CaptionFor). */
export function captionFor(post: { caption: string; channel_captions?: Record<string, string> | null }, channel: string): string {
  const own = post.channel_captions?.[channel];
  return own !== undefined && own.trim() !== '' ? own : post.caption;
}
