/**
 * The page's stylesheet and script, served by the Worker with a year-long cache: their URLs carry a
 * version derived from their content. Hand-written and small: the page needs no framework, only
 * "fetch the next results page, swap one region, keep the URL in step".
 */

export const CSS = `
:root{--fg:#1d1d1f;--muted:#6b6b70;--line:#e3e3e8;--accent:#0b57d0;--mark:#ffe48a;--bg:#fff;--chip:#eef2fb}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
header{padding:12px 16px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.brand{font-weight:700;text-decoration:none;color:var(--fg);white-space:nowrap}
.search{flex:1 1 480px;display:flex;flex-wrap:wrap;gap:8px}
.search input[type=search]{flex:1 1 100%;font-size:18px;padding:10px 12px;border:1px solid #b9b9c0;border-radius:8px}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:14px;color:var(--muted)}
.controls input,.controls select,.controls button{font:inherit;padding:4px 6px}
.controls button{padding:6px 14px;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
.layout{display:grid;grid-template-columns:260px 1fr;gap:24px;padding:16px;max-width:1200px;margin:0 auto}
.facets h2{font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 6px}
.facet ul{list-style:none;margin:0;padding:0;max-height:320px;overflow:auto}
.facet li a{display:flex;justify-content:space-between;gap:8px;padding:3px 6px;border-radius:4px;text-decoration:none;color:var(--fg)}
.facet li a:hover,.facet li a:focus{background:var(--chip)}
.facet li a.chosen{background:var(--chip);font-weight:600}
.facet li a.chosen .value::before{content:"✓ "}
.count{color:var(--muted)}
.facet-filter{width:100%;padding:4px 6px;margin-bottom:6px}
.chosen-filters,.chips{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:6px}
.chosen-filters a,.chips a{display:inline-block;padding:2px 10px;border-radius:999px;background:var(--chip);text-decoration:none;font-size:14px}
.hits{list-style:none;padding:0;margin:0}
.hit{padding:14px 0;border-bottom:1px solid var(--line)}
.hit h3{margin:0 0 2px;font-size:18px}
.meta{margin:0;color:var(--muted);font-size:14px;display:flex;gap:12px}
.snippet{margin:6px 0}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.more{font-size:14px}
.pagination{display:flex;gap:16px;align-items:center;padding:16px 0}
.empty,.error{padding:24px;border:1px dashed var(--line);border-radius:8px;color:var(--muted)}
.error{border-color:#d93025;color:#a50e0e}
.mode{font-size:14px}
.mode a[aria-current]{font-weight:700}
body.loading #results{opacity:.6;transition:opacity .2s .15s}
.article{max-width:760px;margin:0 auto;padding:16px}
.article p.focus{background:#fff8dc;outline:2px solid var(--mark);border-radius:4px;padding:4px}
.back{margin-left:auto}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (max-width:720px){.layout{grid-template-columns:1fr;padding:12px}.facets{order:2}.facet ul{max-height:200px}header{padding:10px 12px}}
`;

export const JS = `(()=>{
const form=document.querySelector('[data-search-form]');
let controller=null,seq=0,timer=0;
function formUrl(){const p=new URLSearchParams();for(const [k,v] of new FormData(form)){if(v===''||(k==='sort'&&v==='relevance'))continue;p.append(k,v)}const s=p.toString();return s?'/?'+s:'/'}
async function load(url,push,fromForm){
  if(controller)controller.abort();controller=new AbortController();const mine=++seq;
  document.body.classList.add('loading');document.getElementById('results').setAttribute('aria-busy','true');
  try{
    const res=await fetch(url,{signal:controller.signal,headers:{Accept:'text/html'}});
    const doc=new DOMParser().parseFromString(await res.text(),'text/html');
    if(mine!==seq)return;
    const fresh=doc.getElementById('results');if(fresh)document.getElementById('results').replaceWith(fresh);
    if(!fromForm){const state=doc.getElementById('form-state');if(state)document.getElementById('form-state').replaceWith(state);const q=doc.getElementById('q');if(q&&document.activeElement!==form.q)form.q.value=q.value}
    document.title=doc.title;
    if(push&&location.pathname+location.search!==new URL(url,location.href).pathname+new URL(url,location.href).search)history.pushState(null,'',url);
  }catch(e){if(e.name!=='AbortError'){const c=document.querySelector('#results .count');if(c)c.textContent='Не удалось загрузить результаты. Проверьте соединение и попробуйте ещё раз.'}}
  finally{if(mine===seq){document.body.classList.remove('loading');const r=document.getElementById('results');if(r)r.removeAttribute('aria-busy')}}
}
if(form){
  form.addEventListener('input',e=>{if(e.target.matches('[data-facet-filter]'))return;clearTimeout(timer);timer=setTimeout(()=>load(formUrl(),true,true),250)});
  form.addEventListener('submit',e=>{e.preventDefault();clearTimeout(timer);load(formUrl(),true,true)});
}
document.addEventListener('click',e=>{const a=e.target.closest&&e.target.closest('a[data-nav]');if(!a||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;e.preventDefault();load(a.href,true,false)});
document.addEventListener('input',e=>{const f=e.target.closest&&e.target.closest('[data-facet-filter]');if(!f)return;const needle=f.value.trim().toLowerCase();for(const li of document.querySelectorAll('#'+f.dataset.facetFilter+' li'))li.hidden=needle!==''&&!li.textContent.toLowerCase().includes(needle)});
window.addEventListener('popstate',()=>load(location.href,false,false));
const focus=document.querySelector('p.focus');if(focus){focus.scrollIntoView({block:'center'});focus.focus({preventScroll:true})}
})();`;

/** FNV-1a, enough to tell one version of the assets from another. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

export const ASSET_VERSION = fingerprint(CSS + JS);
