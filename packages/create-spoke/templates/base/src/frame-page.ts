const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/**
 * The page the card's IFRAME action opens in a HubSpot modal. It is a plain page (HubSpot does not
 * sign it); "Done" posts `{"action":"DONE"}` to the parent window, which closes the modal.
 */
export function framePage(item: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Item ${escapeHtml(item)}</title></head>
<body style="font-family: sans-serif; margin: 2rem">
<h1>Item ${escapeHtml(item)}</h1>
<p>This page is served by your service (src/frame-page.ts). Show or edit the item here.</p>
<button type="button" onclick="window.parent.postMessage(JSON.stringify({ action: 'DONE' }), '*')">Done</button>
</body>
</html>
`;
}
