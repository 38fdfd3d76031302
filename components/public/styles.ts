// The whole stylesheet of the public pages, inlined: no render-blocking request, a few KB.
export const publicCss = `
*,*::before,*::after{box-sizing:border-box}
:root{--brand:#4f46e5;--brand-ink:#fff;--ink:#1f2330;--muted:#5b6170;--line:#d9dce3;--bg:#f6f7f9;--card:#fff;--ok:#0f7b3d;--err:#b42318;--radius:12px;color-scheme:light}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand)}
a:hover{text-decoration-thickness:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
header.brand{display:flex;align-items:center;gap:.75rem;padding:1rem 1.25rem;background:var(--card);border-bottom:1px solid var(--line)}
header.brand img{height:28px;width:auto}
header.brand strong{font-size:1.05rem}
main{max-width:40rem;margin:0 auto;padding:1.25rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1.25rem;margin:0 0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .5rem}
p{margin:.25rem 0 .75rem}
.muted{color:var(--muted)}
.small{font-size:.875rem}
fieldset{border:1px solid var(--line);border-radius:var(--radius);padding:1rem;margin:0 0 1rem}
legend{font-weight:600;padding:0 .35rem}
label{display:block;font-weight:500}
.choice{display:flex;gap:.75rem;align-items:flex-start;padding:.7rem .8rem;border:1px solid var(--line);border-radius:10px;margin:.5rem 0;cursor:pointer;background:var(--card)}
.choice:has(input:checked){border-color:var(--brand);box-shadow:0 0 0 1px var(--brand)}
.choice input{margin-top:.2rem;width:1.15rem;height:1.15rem;accent-color:var(--brand);flex:none}
.choice span{font-weight:400}
input[type=text],input[type=email],input[type=date],input[type=number],select,textarea{display:block;width:100%;font:inherit;padding:.6rem .75rem;border:1px solid #9aa0ad;border-radius:8px;background:#fff;color:var(--ink);margin-top:.35rem}
textarea{min-height:6rem}
:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:.4rem;min-height:44px;padding:.6rem 1.1rem;border-radius:10px;border:1px solid transparent;font:inherit;font-weight:600;cursor:pointer;text-decoration:none;background:var(--brand);color:var(--brand-ink)}
.btn.secondary{background:var(--card);color:var(--ink);border-color:var(--line)}
.btn.danger{background:var(--err);color:#fff}
.btn[disabled]{opacity:.6;cursor:progress}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1rem}
.progress{height:8px;background:var(--line);border-radius:99px;overflow:hidden;margin:0 0 1rem}
.progress>span{display:block;height:100%;background:var(--brand)}
.notice{border-left:4px solid var(--brand);background:var(--card);padding:.75rem 1rem;border-radius:8px;margin:0 0 1rem}
.notice.ok{border-color:var(--ok)}
.notice.err{border-color:var(--err)}
.error{color:var(--err);font-weight:500;margin:.35rem 0 0}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.5rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
.grid{display:grid;gap:.75rem}
@media (min-width:40rem){.grid.two{grid-template-columns:1fr 1fr}main{padding:2rem 1.25rem}}
footer{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.85rem}
.channel{display:grid;gap:.25rem;margin:.25rem 0 .75rem}
.channel .choice{margin:0}
.freq{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap;padding-left:2.1rem}
.freq select{width:auto;margin:0}
.langs{display:flex;gap:1rem;margin:0 0 .5rem}
.links{padding-left:1.1rem}
.links li{margin:.35rem 0}
.purpose{border-top:1px solid var(--line);padding:.75rem 0 0;margin:.75rem 0 0}
.purpose:first-of-type{border-top:0;margin-top:0;padding-top:0}
h3{font-size:1.05rem;margin:0 0 .35rem}
.trait{border-top:1px solid var(--line);padding:.75rem 0}
.trait:first-of-type{border-top:0}
.trait .value{font-weight:400}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
form.inline select,form.inline input{width:auto;margin:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dd{margin:0}
details summary{cursor:pointer}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.question{border:0;padding:0;margin:0;min-width:0}
.question legend{padding:0;font-weight:400}
.question h1{margin:.25rem 0 .5rem}
.tag{display:inline-block;font-size:.75rem;font-weight:600;letter-spacing:.03em;text-transform:uppercase;border:1px solid var(--line);border-radius:99px;padding:0 .5rem}
.images{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
.choice.image{flex-direction:column;align-items:stretch;margin:0}
.choice.image img{width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;border-radius:8px}
.scale{display:flex;flex-wrap:wrap;gap:.5rem}
.scale .choice{flex:1 0 3.25rem;flex-direction:column;align-items:center;gap:.25rem;margin:0}
.optin{margin-top:1rem}
.notice.preview{border-color:#b45309}
.langs{display:flex;gap:1rem;justify-content:center}
dl.summary{display:block;margin:0 0 .75rem}
dl.summary div{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;padding:.6rem 0;border-bottom:1px solid var(--line)}
dl.summary dt{color:var(--muted)}
dl.summary dd{margin:0;font-weight:600}
ul.products{list-style:none;margin:0;padding:0}
ul.products li{display:flex;gap:.9rem;padding:.75rem 0;border-bottom:1px solid var(--line)}
ul.products img{flex:none;border-radius:8px;object-fit:cover}
@media (prefers-reduced-motion:no-preference){.btn{transition:filter .15s}.btn:hover{filter:brightness(1.08)}}
`;
