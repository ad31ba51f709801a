// The report's stylesheet, inlined so the file opens with no network. System fonts, a restrained
// palette (dark #1f2430, white with a border, grey #b8bcc4), readable from phone width to 1200px.
export const STYLE = `
:root { --ink: #1f2430; --muted: #5b6270; --line: #d9dce1; --grey: #b8bcc4; --paper: #ffffff; --wash: #f4f5f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 64px; }
section, .page-header { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 24px 28px; margin: 0 0 20px; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 16px; letter-spacing: -0.01em; }
h2 { font-size: 1.3rem; margin: 0 0 14px; }
h3 { font-size: 1.05rem; margin: 22px 0 8px; }
p { margin: 0 0 10px; }
code { font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--wash); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; color: var(--muted); margin: 0 0 6px; }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px 24px; margin: 0; }
.meta dt { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.meta dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 16px; margin: 0 0 20px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; }
.card .figure { font-size: 2.3rem; font-weight: 700; line-height: 1.1; margin: 0 0 6px; font-variant-numeric: tabular-nums; }
.card p { color: var(--muted); margin: 0; }
.card p.figure { color: var(--ink); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 8px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); }
tbody th { font-weight: 500; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--line); border-bottom: 0; }
table.numbers td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.numbers thead th:not(:first-child) { text-align: right; }
.code { display: block; color: var(--muted); font-size: 0.78rem; font-weight: 400; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; width: 40px; height: 8px; background: var(--wash); border: 1px solid var(--line); border-radius: 4px; margin-right: 8px; vertical-align: middle; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--ink); }
.two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 24px; }
.chart { width: 100%; height: auto; display: block; }
.chart .plot { fill: var(--wash); }
.chart .grid { stroke: #e3e5e9; stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .tick { font-size: 12px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart .axis-label { font-size: 13px; fill: var(--muted); }
.area.dark { fill: var(--ink); }
.area.white { fill: var(--paper); stroke: var(--ink); stroke-width: 1; stroke-linejoin: round; }
.area.grey { fill: var(--grey); }
.frontier-line { fill: none; stroke: var(--ink); stroke-width: 2; }
.band { fill: #5b84b1; fill-opacity: 0.45; stroke: none; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 22px; list-style: none; padding: 0; margin: 12px 0 0; font-size: 0.92rem; }
.legend li { display: flex; align-items: center; gap: 8px; }
.swatch { width: 18px; height: 12px; border-radius: 2px; border: 1px solid var(--ink); display: inline-block; }
.swatch.dark { background: var(--ink); }
.swatch.white { background: var(--paper); }
.swatch.grey { background: var(--grey); border-color: var(--grey); }
.swatch.band { background: rgba(91, 132, 177, 0.45); border-color: #5b84b1; }
.rings-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 16px; margin-top: 8px; }
.rings-figure { margin: 0; text-align: center; }
.rings { width: 100%; max-width: 220px; height: auto; }
.ring.dark { fill: var(--ink); }
.ring.white { fill: var(--paper); stroke: var(--ink); stroke-width: 1; }
.ring.grey { fill: var(--grey); }
figcaption { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--muted); font-variant-numeric: tabular-nums; }
figcaption strong { color: var(--ink); font-size: 1rem; }
.dark-text { color: var(--ink); }
.note { color: var(--muted); font-size: 0.92rem; }
.partial { font-weight: 600; border-left: 4px solid currentColor; padding: 0.4rem 0.8rem; }
.rationale { display: block; color: var(--muted); font-size: 0.85rem; }
td.source { color: var(--muted); font-size: 0.85rem; }
.equations { background: var(--wash); border-radius: 8px; padding: 12px 16px; margin: 12px 0 16px; overflow-x: auto; }
.equations p { margin: 6px 0; white-space: nowrap; }
var { font-style: italic; font-family: "Cambria Math", Cambria, Georgia, serif; }
table.params th { width: 220px; color: var(--muted); font-weight: 500; }
.rules, .caveats { padding-left: 20px; }
.rules li, .caveats li { margin-bottom: 6px; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 0.85rem; text-align: center; }
@media (max-width: 640px) {
  main { padding: 12px 10px 40px; }
  section, .page-header { padding: 16px 12px; border-radius: 8px; }
  h1 { font-size: 1.4rem; }
  .two-col { grid-template-columns: 1fr; }
  .card .figure { font-size: 1.9rem; }
  table.params th { width: auto; }
  .bar { display: none; }
  table { font-size: 0.82rem; }
  th, td { padding: 6px 4px; }
  thead th { letter-spacing: 0; font-size: 0.7rem; }
  .equations p { white-space: normal; }
  /* The chart scales with the screen; its labels are sized in chart units, so enlarge them here. */
  .chart .tick { font-size: 24px; }
  .chart .axis-label { display: none; }
}
@media print { body { background: #fff; } section, .page-header { border: 0; padding: 0; } }
`;
