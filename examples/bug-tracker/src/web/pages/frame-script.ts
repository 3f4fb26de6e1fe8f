import { raw, type SafeHtml } from '../html.ts';

/**
 * Buttons with `data-frame-message="CANCEL"` (or DONE) tell HubSpot to close the modal: the page
 * posts `JSON.stringify({action})` to the parent window, as HubSpot expects (docs/protocol.md §2.4).
 */
export const frameButtonsScript: SafeHtml = raw(`<script>
for (const button of document.querySelectorAll('[data-frame-message]')) {
  button.addEventListener('click', () => {
    window.parent.postMessage(JSON.stringify({ action: button.dataset.frameMessage }), '*');
  });
}
</script>`);

/** Closes the modal as soon as the page loads and makes HubSpot refresh the card. */
export const frameDoneScript: SafeHtml = raw(
  `<script>window.parent.postMessage(JSON.stringify({ action: 'DONE' }), '*');</script>`,
);
