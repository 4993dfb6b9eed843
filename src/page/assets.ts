/**
 * The page's stylesheet and script, served by the Worker with a year-long cache: their URLs carry a
 * version derived from their content. Hand-written and small: the page needs no framework, only
 * "fetch the next results page, swap a few regions, keep the URL and the focus in step". Both are served
 * files, so a `default-src 'self'` CSP holds: no inline script, style or event handler anywhere.
 */

export const CSS = `
:root{--fg:#1d1d1f;--muted:#5e5e66;--line:#dcdce2;--accent:#0b57d0;--bar:#8fb0ea;--mark:#ffe27a;--bg:#fff;--chip:#e9effb;--focus:#c2410c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:8px;top:-48px;padding:8px 12px;background:#fff;border-radius:8px;z-index:1}
.skip:focus{top:8px}
#results:focus{outline:none}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{padding:8px 12px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center}
.brand-title{margin:0;font-size:inherit;line-height:inherit}
.brand{font-weight:700;text-decoration:none;color:var(--fg);font-size:15px}
.back{margin-left:auto}
.search{flex:1 1 100%;display:flex;gap:8px;min-width:0}
.search input{flex:1 1 auto;min-width:0;font:inherit;font-size:17px;padding:9px 12px;border:1px solid #85858e;border-radius:10px}
button{font:inherit;padding:9px 16px;border-radius:10px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
select,input.year,.facet-filter input{font:inherit;min-height:44px;padding:8px;border:1px solid #85858e;border-radius:8px;background:#fff;color:var(--fg)}
.layout{padding:8px 12px 32px;max-width:1240px;margin:0 auto}
.filters{border:1px solid var(--line);border-radius:10px;margin:0 0 8px}
.filters>summary{min-height:44px;padding:10px 12px;cursor:pointer;font-weight:600}
.filters[open]>summary{border-bottom:1px solid var(--line)}
.badge{margin-left:8px;color:var(--accent);font-weight:400;font-size:14px}
.controls,#facets{padding:4px 12px 8px}
.period{border:0;padding:0;margin:4px 0 8px;min-width:0}
.period legend,.sort span,.facet h2{font-size:13px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:0}
.period-row{display:flex;gap:6px;align-items:center;margin:4px 0}
.period-word{flex:0 0 1.6em}
.period select{flex:1 1 auto;min-width:0}
input.year{flex:0 0 5.2em;width:5.2em}
.sort{display:flex;flex-direction:column;gap:4px;margin:8px 0}
.apply{margin:4px 0}
.facet h2{margin:14px 0 4px}
.facet ul{list-style:none;margin:0;padding:0}
.facet li a{display:flex;justify-content:space-between;gap:8px;padding:10px 8px;border-radius:8px;text-decoration:none;color:var(--fg)}
.facet li a:hover{background:var(--chip)}
.facet li a.chosen,.switch a[aria-current]{background:var(--chip);font-weight:600}
.facet li a.chosen .value::before{content:"✓ "}
.n{color:var(--muted)}
.years,.switch{display:flex;flex-wrap:wrap;gap:6px}
.years li a,.switch a{border:1px solid var(--line);padding:8px 12px}
.facet-filter input{width:100%}
.rest>summary{padding:10px 8px;cursor:pointer;color:var(--accent)}
.mode{font-size:14px}
.mode a[aria-current]{font-weight:700}
.muted{color:var(--muted)}
.chosen-filters,.chips{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:6px}
.chosen-filters a,.chips a{display:inline-block;padding:4px 12px;border-radius:999px;background:var(--chip);text-decoration:none;font-size:14px;line-height:1.6}
.count{font-size:15px;font-weight:400;color:var(--muted);margin:4px 0}
.count:focus{outline:none}
.count:focus-visible{outline:3px solid var(--focus)}
.timeline{margin:2px 0 8px}
.timeline h2{font-size:14px;font-weight:600;margin:0}
.timeline .unit{color:var(--muted);font-weight:400}
.chart{display:block;overflow:visible}
.chart a{outline:none}
.chart .col{fill:transparent}
.chart .bar{fill:var(--bar)}
.chart a:hover .bar,.chart a:focus .bar,.chart a[aria-current] .bar{fill:var(--accent)}
.chart a:focus-visible .col{stroke:var(--focus);stroke-width:3px}
.chart .axis{stroke:#a9a9b2}
.chart text{font-size:12px;fill:var(--muted)}
.chart text.year{font-weight:600;fill:var(--fg)}
.timeline-table>summary{display:inline-block;font-size:14px;color:var(--accent);cursor:pointer;padding:2px 0}
.timeline-table table{border-collapse:collapse;font-size:14px;margin:4px 0 8px}
.timeline-table th,.timeline-table td{padding:3px 16px 3px 0;text-align:left;font-weight:400}
.timeline-table thead th{color:var(--muted)}
.hits{list-style:none;padding:0;margin:0}
.hit{padding:14px 0;border-top:1px solid var(--line)}
.hit h3{margin:0 0 2px;font-size:18px;line-height:1.3;overflow-wrap:anywhere}
.meta{margin:0 0 2px;color:var(--muted);font-size:14px;display:flex;flex-wrap:wrap;gap:2px 14px}
.meta .original{color:var(--muted)}.meta .publication{color:var(--fg)}
.heading{margin:4px 0 0;font-size:14px;font-weight:600}
.snippet{margin:4px 0;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.paras,.more ol{list-style:none;padding:0;margin:0}
.paras>li{padding:4px 0}
.paras>li+li{border-top:1px dashed var(--line)}
.to-para{font-size:14px;white-space:nowrap}
.more>summary{cursor:pointer;color:var(--accent);font-size:14px;padding:6px 0}
.more li{margin:6px 0;padding:2px 0 2px 12px;border-left:3px solid var(--line);font-size:15px}
.more li>a{font-size:14px}
.pagination{display:flex;justify-content:space-between;gap:12px;align-items:center;padding:16px 0}
.pagination a{padding:10px 0}
.empty,.error{padding:16px;border:1px dashed var(--line);border-radius:8px;color:var(--muted);margin:8px 0}
.error{border-color:#d93025;color:#a50e0e}
body.loading #results{opacity:.6;transition:opacity .2s .15s}
.article{max-width:760px;margin:0 auto;padding:12px 16px 32px}
.article h1{font-size:24px;line-height:1.25;margin:8px 0;overflow-wrap:anywhere}
.article p{overflow-wrap:anywhere}
.article p.focus{background:#fff8dc;outline:2px solid var(--mark);border-radius:4px;padding:4px}
@media (min-width:900px){
.top{padding:12px 24px;flex-wrap:nowrap}
.search{flex:0 1 680px}
.layout{display:grid;grid-template-columns:280px minmax(0,1fr);gap:32px;padding:12px 24px 32px}
.side{grid-column:1;grid-row:1}
.filters{border:0;margin:0}
.filters>summary{display:none}
.filters::details-content{content-visibility:visible;display:block}
.controls,#facets{padding:0}
.facet li a{padding:4px 8px}
.years li a,.switch a{padding:4px 10px}
#results{grid-column:2;grid-row:1;min-width:0}
}
`;

export const JS = `(()=>{
const form=document.getElementById('s');
const focusP=document.querySelector('p.focus');if(focusP){focusP.scrollIntoView({block:'center'});focusP.focus({preventScroll:true})}
const back=document.querySelector('a.back');
if(back)back.addEventListener('click',e=>{let from=null;try{from=new URL(document.referrer)}catch{}if(from&&from.origin===location.origin&&from.pathname==='/'&&history.length>1){e.preventDefault();history.back()}});
if(!form)return;
const PICK={from:['fm','fy'],to:['tm','ty']},SKIP=new Set(['pf','fm','fy','tm','ty']);
const byId=id=>document.getElementById(id);
const wide=matchMedia('(min-width:900px)');
const syncOpen=()=>{const f=byId('filters');if(f&&wide.matches)f.open=true};
syncOpen();wide.addEventListener('change',syncOpen);
let ctl=null,seq=0,timer=0,typing=false;
function formUrl(){
  const d=new FormData(form),p=new URLSearchParams();
  for(const [k,v] of d){if(v===''||SKIP.has(k)||(k==='sort'&&v==='relevance'))continue;p.append(k,v)}
  for(const [end,[m,y]] of Object.entries(PICK)){const yv=String(d.get(y)||'').trim();if(/^\\d{4}$/.test(yv)){const mv=d.get(m);p.set(end,mv?yv+'-'+mv:yv)}}
  const s=p.toString();return s?'/?'+s:'/';
}
const here=u=>{const x=new URL(u,location.href);return x.pathname+x.search===location.pathname+location.search};
function swap(doc,id){const fresh=doc.getElementById(id),old=byId(id);if(fresh&&old)old.replaceWith(fresh)}
function applyFilter(box){const needle=box.value.trim().toLowerCase().replaceAll('ё','е'),list=byId(box.dataset.facetFilter);if(!list)return;for(const li of list.querySelectorAll('li'))li.hidden=needle!==''&&!li.textContent.toLowerCase().replaceAll('ё','е').includes(needle);const rest=list.querySelector('details');if(rest&&needle)rest.open=true}
const REGIONS=['results','facets','controls'];
function focusKey(el){if(!el||el===document.body||el===form.q)return null;if(!REGIONS.some(id=>{const r=byId(id);return r&&r.contains(el)}))return null;return el.dataset.key||''}
function restoreFocus(key){if(document.activeElement&&document.activeElement!==document.body)return;const el=key&&[...document.querySelectorAll('[data-key]')].find(e=>e.dataset.key===key);const target=el||byId('count');if(target)target.focus({preventScroll:true})}
async function load(url,mode,fromForm){
  if(ctl)ctl.abort();ctl=new AbortController();const mine=++seq;
  const key=fromForm?null:focusKey(document.activeElement);
  document.body.classList.add('loading');byId('results').setAttribute('aria-busy','true');
  try{
    const res=await fetch(url,{signal:ctl.signal,headers:{Accept:'text/html'}});
    const doc=new DOMParser().parseFromString(await res.text(),'text/html');
    if(mine!==seq)return;
    const said=doc.querySelector('#count,.error,.empty'),news=said?said.textContent.trim():'';
    const box=document.querySelector('[data-facet-filter]'),needle=box?box.value:'';
    swap(doc,'results');swap(doc,'facets');swap(doc,'filters-count');
    if(!fromForm){swap(doc,'controls');const q=doc.getElementById('q');if(q)form.q.value=q.value}
    const nb=document.querySelector('[data-facet-filter]');if(nb&&needle){nb.value=needle;applyFilter(nb)}
    document.title=doc.title;
    if(mode!=='none'&&!here(url))history[mode==='push'?'pushState':'replaceState'](null,'',url);
    byId('announce').textContent=news;
    if(key!==null)restoreFocus(key);
  }catch(e){if(e.name!=='AbortError')byId('announce').textContent='Не удалось загрузить результаты. Проверьте соединение и попробуйте ещё раз.'}
  finally{if(mine===seq){document.body.classList.remove('loading');const r=byId('results');if(r)r.removeAttribute('aria-busy')}}
}
document.addEventListener('input',e=>{
  const t=e.target;
  if(t.matches('[data-facet-filter]')){applyFilter(t);return}
  if(t.form!==form)return;
  if(t.classList.contains('year')&&t.value.trim()!==''&&!/^\\d{4}$/.test(t.value.trim()))return;
  // One history entry per typed query: the first search of a typing run pushes, the next ones replace it.
  clearTimeout(timer);const isQ=t===form.q;
  timer=setTimeout(()=>{load(formUrl(),isQ&&typing?'replace':'push',true);typing=isQ},isQ?250:0);
});
document.addEventListener('keydown',e=>{if(e.key==='Enter'&&e.target.matches&&e.target.matches('[data-facet-filter]'))e.preventDefault()});
form.q.addEventListener('blur',()=>{typing=false});
form.addEventListener('submit',e=>{e.preventDefault();clearTimeout(timer);typing=false;load(formUrl(),'push',true)});
document.addEventListener('click',e=>{const a=e.target.closest&&e.target.closest('a[data-nav]');if(!a||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;e.preventDefault();typing=false;load(a.getAttribute('href'),'push',false)});
window.addEventListener('popstate',()=>{typing=false;load(location.href,'none',false)});
})();`;

/** FNV-1a, enough to tell one version of the assets from another. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

export const ASSET_VERSION = fingerprint(CSS + JS);
