/**
 * An XSS corpus in the style of OWASP's "XSS Filter Evasion Cheat Sheet": markup, attribute and
 * script-context breakouts, mutation XSS, and dangerous URLs. Each vector is a template: `hook`
 * is a JavaScript call naming the vector and the field it was placed in, so when one ever runs the
 * page-global hook (see xss-hooks.ts) says exactly what executed where.
 */
export interface XssVector {
  id: string;
  /** `markup` goes into text fields, `url` into fields the UI may turn into a link or iframe src. */
  kind: 'markup' | 'url';
  /** The hostile string for a placement; `tag` is `vectorId@fieldId`. */
  make(tag: string): string;
}

/** `__xss('tag')`: what every vector calls when it executes. */
const hook = (tag: string) => `__xss('${tag}')`;
/** The same call written without quotes, for contexts where quotes would end the attribute. */
const bare = (tag: string) => `__xss\`${tag}\``;

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

const markup: [string, (tag: string) => string][] = [
  ['script', (t) => `<script>${hook(t)}</script>`],
  ['script-src-data', (t) => `<script src="data:text/javascript,${hook(t)}"></script>`],
  ['script-case', (t) => `<ScRiPt >${hook(t)}</sCrIpT>`],
  ['img-onerror', (t) => `<img src=x onerror="${hook(t)}">`],
  ['img-onerror-bare', (t) => `<IMG SRC=/ onerror=${bare(t)}>`],
  ['img-grave', (t) => `<img src=\`x\` onerror=${bare(t)}>`],
  ['svg-onload', (t) => `<svg onload="${hook(t)}">`],
  ['svg-slash', (t) => `<svg/onload=${bare(t)}>`],
  ['svg-animate', (t) => `<svg><animate onbegin=${bare(t)} attributeName=x dur=1s>`],
  ['svg-xlink', (t) => `<svg><a xlink:href="javascript:${hook(t)}"><text x=9 y=9>x</text></a></svg>`],
  ['body-onload', (t) => `<body onload=${bare(t)}>`],
  ['iframe-srcdoc', (t) => `<iframe srcdoc="<script>parent.${hook(t)}</script>"></iframe>`],
  ['iframe-js', (t) => `<iframe src="javascript:parent.${hook(t)}"></iframe>`],
  ['object-data', (t) => `<object data="data:text/html,<script>parent.${hook(t)}</script>"></object>`],
  ['embed-src', (t) => `<embed src="javascript:${hook(t)}">`],
  ['details-toggle', (t) => `<details open ontoggle=${bare(t)}>`],
  ['input-autofocus', (t) => `<input autofocus onfocus=${bare(t)}>`],
  ['video-source', (t) => `<video><source onerror="${hook(t)}"></video>`],
  ['a-href-js', (t) => `<a href="javascript:${hook(t)}">click me</a>`],
  ['attr-break-dq', (t) => `"><svg onload=${bare(t)}>`],
  ['attr-break-sq', (t) => `'><img src=x onerror=${bare(t)}>`],
  ['attr-noquote', (t) => ` onmouseover=${bare(t)} autofocus onfocus=${bare(t)} x=`],
  ['textarea-break', (t) => `</textarea><script>${hook(t)}</script>`],
  ['title-break', (t) => `</title><script>${hook(t)}</script>`],
  ['style-break', (t) => `</style><img src=x onerror=${bare(t)}>`],
  ['script-break', (t) => `</script><script>${hook(t)}</script>`],
  ['json-break', (t) => `"});${hook(t)};//`],
  ['template-literal', (t) => `\${${hook(t)}}`],
  ['angular-constructor', (t) => `{{constructor.constructor('${hook(t).replaceAll("'", '"')}')()}}`],
  ['css-expression', (t) => `<div style="width: expression(${hook(t)})">css</div>`],
  ['css-url-js', (t) => `<div style="background:url('javascript:${hook(t)}')">css</div>`],
  ['style-import', (t) => `<style>@import 'javascript:${hook(t)}';</style>`],
  [
    'math-mxss',
    (t) =>
      `<math><mtext><table><mglyph><style><img src=x onerror=${bare(t)}></style></mglyph></table></mtext></math>`,
  ],
  ['svg-style-mxss', (t) => `<svg><style><img src=x onerror=${bare(t)}></style></svg>`],
  ['noscript-mxss', (t) => `<noscript><p title="</noscript><img src=x onerror=${bare(t)}>">`],
  ['base-href', (t) => `<base href="javascript:${hook(t)}//">`],
  ['meta-refresh', (t) => `<meta http-equiv="refresh" content="0;url=javascript:${hook(t)}">`],
  ['form-action', (t) => `<form action="javascript:${hook(t)}"><button>go</button></form>`],
  ['formaction', (t) => `<button formaction=javascript:${bare(t)}>x</button>`],
  ['markdown-link', (t) => `[click](javascript:${hook(t)})`],
  ['markdown-img', (t) => `![x](x" onerror="${hook(t)})`],
  ['line-separators', (t) => `\u2028${hook(t)}\u2029</script><script>${hook(t)}</script>`],
  ['entity-script', (t) => `&lt;script&gt;${hook(t)}&lt;/script&gt;`],
  ['null-byte', (t) => `<scr\u0000ipt>${hook(t)}</scr\u0000ipt><img src=x o\u0000nerror=${bare(t)}>`],
  [
    'polyglot',
    (t) =>
      `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${bare(t)} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${bare(t)}//>\\x3e`,
  ],
];

const urls: [string, (tag: string) => string][] = [
  ['js-url', (t) => `javascript:${hook(t)}`],
  ['js-mixed-case', (t) => `JaVaScRiPt:${hook(t)}`],
  ['js-leading-space', (t) => `  javascript:${hook(t)}`],
  ['js-tab', (t) => `java\tscript:${hook(t)}`],
  ['js-newline', (t) => `java\nscript:${hook(t)}`],
  ['js-control-char', (t) => `\u0001javascript:${hook(t)}`],
  ['js-entity', (t) => `&#106;avascript:${hook(t)}`],
  ['js-entity-hex', (t) => `&#x6A;&#x61;vascript:${hook(t)}`],
  ['js-comment-newline', (t) => `javascript://%0a${hook(t)}`],
  ['data-html', (t) => `data:text/html,<script>${hook(t)}</script>`],
  ['data-html-b64', (t) => `data:text/html;base64,${base64(`<script>${hook(t)}</script>`)}`],
  ['data-svg', (t) => `data:image/svg+xml,<svg onload="${hook(t)}"/>`],
  ['vbscript', (t) => `vbscript:msgbox("${t}")`],
];

/** The whole corpus: markup vectors then URL vectors, in a fixed order. */
export const xssVectors: readonly XssVector[] = [
  ...markup.map(([id, make]) => ({ id, kind: 'markup' as const, make })),
  ...urls.map(([id, make]) => ({ id, kind: 'url' as const, make })),
];

/** Schemes that must never reach an href, src or action in the UI. */
export const dangerousSchemes = ['javascript:', 'data:', 'vbscript:'] as const;
