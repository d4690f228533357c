// The timeline page's stylesheet (inline in the page: it must work offline).
export const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, sans-serif; color: #1d232a; background: #fff; display: flex; flex-direction: column; height: 100vh; }
header { padding: 6px 12px; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 15px; margin: 0; }
header p { margin: 2px 0; }
p.fail { color: #b3261e; font-weight: 600; }
p.pass { color: #1a7f37; }
.help { color: #57606a; }
.key i { display: inline-block; width: 12px; height: 8px; margin: 0 3px 0 10px; vertical-align: middle; }
.k-req { background: #3b6fd8; } .k-fail { background: #d4761c; } .k-db { background: #8250df; }
.k-fault { background: rgba(207, 34, 46, 0.25); } .k-task { background: #9ac7a3; } .k-viol { background: #cf222e; }
main { flex: 1; display: flex; min-height: 0; }
#view { position: relative; flex: 1; overflow: hidden; cursor: grab; }
#view.dragging { cursor: grabbing; }
canvas { position: absolute; inset: 0; }
#labels, #markers { position: absolute; inset: 0; pointer-events: none; }
.lane-label { position: absolute; left: 4px; font: 12px ui-monospace, monospace; background: rgba(255,255,255,0.85); padding: 0 3px; border-radius: 2px; }
.violation-marker { position: absolute; top: 0; max-width: 420px; background: #cf222e; color: #fff; font-weight: 600; padding: 2px 6px; border-radius: 3px; white-space: normal; pointer-events: auto; cursor: pointer; }
aside { width: 380px; border-left: 1px solid #d0d7de; padding: 6px 10px; overflow: auto; }
aside h2 { font-size: 13px; margin: 0 0 4px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; font: 12px ui-monospace, monospace; }
`;
