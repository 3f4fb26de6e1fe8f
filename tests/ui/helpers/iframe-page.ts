/**
 * The page an IFRAME action opens: it saves (a same-origin call to the service) and then tells
 * HubSpot it is done with the documented message; other buttons send what HubSpot ignores.
 */
export const iframePage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Edit issue</title>
<style>body{font-family:sans-serif;padding:24px;color:#33475b}button{margin-right:8px;padding:6px 12px}</style>
</head><body>
<h1>Edit API-22</h1>
<p>Move the issue to <strong>In progress</strong>.</p>
<button id="save">Save and close</button>
<button id="cancel">Cancel</button>
<button id="junk">Send junk</button>
<button id="unknown">Send unknown</button>
<script>
  const send = (message) => window.parent.postMessage(message, '*');
  document.getElementById('save').onclick = async () => {
    await fetch('/iframe/save', { method: 'POST' });
    send(JSON.stringify({ action: 'DONE' }));
  };
  document.getElementById('cancel').onclick = () => send(JSON.stringify({ action: 'CANCEL' }));
  document.getElementById('junk').onclick = () => send('this is not json');
  document.getElementById('unknown').onclick = () => send(JSON.stringify({ action: 'MAXIMIZE' }));
</script>
</body></html>`;
