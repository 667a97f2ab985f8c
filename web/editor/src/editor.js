// gongwen's YAML source editor: CodeMirror 6 + JSON Schema completion, hover and lint.
//
// Bundled by build.sh into one IIFE (dist/editor.js) that sets `window.GongwenEditor`.
// See README.md for the API.

import { EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  hoverTooltip,
} from "@codemirror/view";
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab,
  isolateHistory,
} from "@codemirror/commands";
import {
  indentOnInput,
  indentUnit,
  bracketMatching,
  foldGutter,
  foldKeymap,
  syntaxHighlighting,
  defaultHighlightStyle,
} from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import {
  autocompletion,
  completionKeymap,
  closeBrackets,
  closeBracketsKeymap,
} from "@codemirror/autocomplete";
import { linter, lintGutter, lintKeymap, forceLinting } from "@codemirror/lint";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import {
  yamlSchemaLinter,
  yamlSchemaHover,
  yamlCompletion,
} from "codemirror-json-schema/yaml";
import { stateExtensions, updateSchema, handleRefresh } from "codemirror-json-schema";
import { parseDocument } from "yaml";

// A CJK-capable stack: Latin from a monospace face, Han from a CJK face (browsers fall
// back glyph by glyph). Override with the CSS variable --gongwen-editor-font.
const FONT_STACK =
  'ui-monospace, "Sarasa Mono SC", "Noto Sans Mono CJK SC", "Source Han Mono SC", ' +
  '"Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", "Noto Serif CJK SC", ' +
  '"Source Han Serif SC", "Songti SC", SimSun, "PingFang SC", "Microsoft YaHei", ' +
  '"Noto Sans CJK SC", monospace';

const theme = EditorView.theme({
  "&": {
    height: "100%",
    fontSize: "var(--gongwen-editor-font-size, 15px)",
  },
  ".cm-scroller": {
    fontFamily: "var(--gongwen-editor-font, " + FONT_STACK + ")",
    lineHeight: "1.7",
    overflow: "auto",
  },
  ".cm-tooltip, .cm-tooltip-autocomplete > ul": {
    fontFamily: "var(--gongwen-editor-font, " + FONT_STACK + ")",
  },
  ".cm-tooltip": { maxWidth: "36em" },
  ".cm-tooltip-hover, .cm-tooltip-lint": { padding: "2px 6px" },
});

// ---------------------------------------------------------------------------
// Positions: 1-based line and 1-based column in characters (Unicode scalar values), as
// gongwen's CLI prints them. CodeMirror counts UTF-16 units, so a character outside the
// BMP (e.g. CJK Extension B) counts 2 there and 1 here.

function posAt(doc, line, column) {
  let n = Math.floor(Number(line));
  if (!Number.isFinite(n) || n < 1) n = 1;
  if (n > doc.lines) return doc.length;
  const l = doc.line(n);
  let col = Math.floor(Number(column));
  if (!Number.isFinite(col) || col < 1) col = 1;
  let off = 0;
  const text = l.text;
  for (let c = 1; c < col && off < text.length; c++) {
    const code = text.charCodeAt(off);
    off += code >= 0xd800 && code <= 0xdbff && off + 1 < text.length ? 2 : 1;
  }
  return l.from + off;
}

// One character on from `pos` (or nothing at a line's end).
function nextCharEnd(doc, pos) {
  if (pos >= doc.length) return pos;
  const l = doc.lineAt(pos);
  if (pos >= l.to) return pos;
  const code = l.text.charCodeAt(pos - l.from);
  return pos + (code >= 0xd800 && code <= 0xdbff && pos + 1 < l.to ? 2 : 1);
}

function findingToDiagnostic(doc, f) {
  if (!f || typeof f !== "object") return null;
  const from = posAt(doc, f.line, f.column);
  let to;
  if (f.endLine != null || f.endColumn != null) {
    // endColumn is exclusive: the column just after the last character marked.
    to = posAt(doc, f.endLine != null ? f.endLine : f.line, f.endColumn != null ? f.endColumn : 1);
    if (f.endColumn == null) to = doc.lineAt(to).to; // endLine alone: to that line's end
  } else {
    to = nextCharEnd(doc, from);
  }
  if (to < from) to = from;
  const sev = f.severity === "error" || f.severity === "info" || f.severity === "hint" ? f.severity : "warning";
  const d = { from, to, severity: sev, message: String(f.message == null ? "" : f.message) };
  const source = f.source != null ? f.source : f.rule;
  if (source != null) d.source = String(source);
  return d;
}

// Findings handed in from outside (e.g. `gongwen check`), kept in step with edits until
// the next setFindings.
const setFindingsEffect = StateEffect.define();

const findingsField = StateField.define({
  create: () => [],
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setFindingsEffect)) return e.value;
    if (!tr.docChanged || !value.length) return value;
    return value.map((d) => {
      const from = tr.changes.mapPos(d.from, 1);
      const to = Math.max(from, tr.changes.mapPos(d.to, -1));
      return Object.assign({}, d, { from, to });
    });
  },
});

// YAML syntax errors: the schema linter skips a document that does not parse, so say why.
function yamlSyntaxDiagnostics(state) {
  const text = state.doc.toString();
  if (!text.trim()) return [];
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false });
  } catch (e) {
    return [];
  }
  const out = [];
  const push = (err, severity) => {
    const len = state.doc.length;
    let from = Math.min(Math.max(0, (err.pos && err.pos[0]) || 0), len);
    let to = Math.min(Math.max(from, (err.pos && err.pos[1]) || from), len);
    let line = state.doc.lineAt(from);
    if (from >= line.to && line.to === line.from && line.number > 1) line = state.doc.line(line.number - 1);
    if (from >= line.to && line.to > line.from) {
      // yaml points past a line's text (a line break, an empty last line: e.g. an
      // unclosed bracket): mark that line's last character instead, which can be seen.
      const code = line.text.charCodeAt(line.text.length - 1);
      from = line.to - (code >= 0xdc00 && code <= 0xdfff && line.text.length > 1 ? 2 : 1);
      to = line.to;
    } else if (to === from) {
      to = nextCharEnd(state.doc, from);
    }
    out.push({
      from,
      to,
      severity,
      source: "YAML",
      message: String(err.message || err).split("\n")[0],
    });
  };
  for (const e of doc.errors) push(e, "error");
  for (const w of doc.warnings) push(w, "warning");
  return out;
}

function makeLintSource() {
  const schemaLint = yamlSchemaLinter();
  return (view) => {
    const state = view.state;
    const syntax = yamlSyntaxDiagnostics(state);
    let schema = [];
    if (!syntax.some((d) => d.severity === "error")) {
      try {
        schema = schemaLint(view) || [];
      } catch (e) {
        schema = [];
      }
    }
    return syntax.concat(schema, state.field(findingsField));
  };
}

function create(parent, options) {
  if (!parent || typeof parent.appendChild !== "function") {
    throw new TypeError("GongwenEditor.create: parent must be a DOM element");
  }
  const opts = options || {};
  const onChange = typeof opts.onChange === "function" ? opts.onChange : null;

  const state = EditorState.create({
    doc: opts.doc == null ? "" : String(opts.doc),
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      lintGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      indentUnit.of("  "),
      EditorState.tabSize.of(2),
      indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      autocompletion(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ lang: "zh-CN", spellcheck: "false" }),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        ...lintKeymap,
        indentWithTab,
      ]),
      // YAML + JSON Schema (codemirror-json-schema's yamlSchema(), spelled out so the
      // linter can also carry YAML syntax errors and outside findings).
      yaml(),
      yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
      hoverTooltip(yamlSchemaHover()),
      stateExtensions(opts.schema || undefined),
      findingsField,
      linter(makeLintSource(), {
        delay: 400,
        needsRefresh: (u) =>
          handleRefresh(u) || u.transactions.some((tr) => tr.effects.some((e) => e.is(setFindingsEffect))),
      }),
      theme,
      EditorView.updateListener.of((u) => {
        if (u.docChanged && onChange) onChange(u.state.doc.toString());
      }),
    ],
  });

  const view = new EditorView({ state, parent });

  const handle = {
    view,
    getText() {
      return view.state.doc.toString();
    },
    setText(text) {
      const t = text == null ? "" : String(text);
      if (t === view.state.doc.toString()) return;
      // An undoable change of its own: Ctrl-Z brings back the text before it, never merged
      // with the typing or another replacement just before (an import, a form field).
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: t },
        selection: { anchor: Math.min(view.state.selection.main.head, t.length) },
        annotations: isolateHistory.of("full"),
      });
    },
    setFindings(list) {
      const doc = view.state.doc;
      const diags = (Array.isArray(list) ? list : [])
        .map((f) => findingToDiagnostic(doc, f))
        .filter(Boolean)
        .sort((a, b) => a.from - b.from || a.to - b.to);
      view.dispatch({ effects: setFindingsEffect.of(diags) });
      forceLinting(view);
    },
    setSchema(schema) {
      updateSchema(view, schema || undefined);
      forceLinting(view);
    },
    focus() {
      view.focus();
    },
    goto(line, column) {
      const pos = posAt(view.state.doc, line, column == null ? 1 : column);
      view.dispatch({
        selection: { anchor: pos },
        effects: EditorView.scrollIntoView(pos, { y: "center" }),
      });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
  return handle;
}

// The page's form edits the same source through the `yaml` package's documents, which keep
// comments and order: GongwenEditor.parseDocument(text).setIn(["signature", "organ"], v).
const GongwenEditor = { create, parseDocument };

if (typeof window !== "undefined") window.GongwenEditor = GongwenEditor;

export { create };
export default GongwenEditor;
