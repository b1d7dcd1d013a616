// Webhook URLs as the Applications API accepts them. Import-free: the UI checks InputBox text with it on
// every keystroke without loading the core (node-fetch, jsonwebtoken), and the core checks the same way.

export type WebhookUrlField =
  | 'rtcEventUrl' | 'voiceAnswerUrl' | 'voiceEventUrl' | 'voiceFallbackAnswerUrl'
  | 'messagesInboundUrl' | 'messagesStatusUrl' | 'imageUrl';

/** How each webhook is named in a sentence, and an example of it. */
export const WEBHOOK_URLS: Readonly<Record<WebhookUrlField, { label: string; example: string }>> = Object.freeze({
  rtcEventUrl: { label: 'RTC event URL', example: 'https://example.com/webhooks/rtc/event' },
  voiceAnswerUrl: { label: 'voice answer URL', example: 'https://example.com/webhooks/answer' },
  voiceEventUrl: { label: 'voice event URL', example: 'https://example.com/webhooks/event' },
  voiceFallbackAnswerUrl: { label: 'voice fallback answer URL', example: 'https://fallback.example.com/webhooks/answer' },
  messagesInboundUrl: { label: 'messages inbound URL', example: 'https://example.com/webhooks/inbound' },
  messagesStatusUrl: { label: 'messages status URL', example: 'https://example.com/webhooks/status' },
  imageUrl: { label: 'image URL', example: 'https://example.com/avatars/alice.png' },
});

/**
 * Why `text` is not a webhook URL the Applications API accepts (an absolute http:// or https:// URL), as
 * a sentence for an InputBox or an error; undefined when it is fine. Empty is fine only when `optional`.
 */
export function webhookUrlProblem(text: string, field: WebhookUrlField, optional = false): string | undefined {
  const { label, example } = WEBHOOK_URLS[field];
  const t = typeof text === 'string' ? text.trim() : '';
  if (!t) return optional ? undefined : `Enter the ${label}, e.g. ${example}.`;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return `The ${label} "${t}" is not a URL. Enter a full address such as ${example}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The ${label} must start with https:// or http://, not ${url.protocol}//.`;
  }
  return undefined;
}
