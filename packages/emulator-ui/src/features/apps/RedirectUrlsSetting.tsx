import { updateRedirectUrls } from '../../api/oauth.ts';
import type { App } from '../../api/types.ts';
import { UrlListSetting } from './UrlListSetting.tsx';

/**
 * The app's OAuth redirect URLs, one per line: `/oauth/authorize` sends the browser back only to
 * one of them, exactly. A refusal (not an http(s) URL) is shown under the field.
 */
export function RedirectUrlsSetting({ app, onSaved }: { app: App; onSaved: () => void }) {
  return (
    <UrlListSetting
      term="Redirect URLs"
      formLabel={`Redirect URLs of ${app.name}`}
      fieldLabel="Redirect URLs"
      placeholder="https://your.app/oauth-callback"
      button="Register"
      urls={app.redirectUrls ?? undefined}
      write={(urls) => updateRedirectUrls(app.id, urls)}
      onSaved={onSaved}
      hint={
        (app.redirectUrls ?? []).length > 0
          ? 'Install URL: /oauth/authorize?client_id=… &redirect_uri= one of these, exactly.'
          : 'OAuth sends the browser back only to a registered URL: add your callback here.'
      }
    />
  );
}
