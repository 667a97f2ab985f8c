// Stand-in for codemirror-json-schema's `utils/markdown.js`.
//
// The original renders schema descriptions and error messages with markdown-it and
// loads the shiki syntax highlighter (oniguruma engine, themes, grammars) at start-up:
// several hundred kilobytes for code blocks that gongwen's schema never has. This
// renders the small subset those strings use (`code`, **bold**, *emphasis*, line
// breaks) and escapes everything else, so the result is safe to assign to innerHTML.

function escapeHtml(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function inline(s) {
  // Split on `code` spans first so their content is not formatted further.
  return String(s)
    .split(/(`[^`\n]+`)/)
    .map((part) => {
      if (part.length > 1 && part[0] === "`" && part[part.length - 1] === "`") {
        return "<code>" + escapeHtml(part.slice(1, -1)) + "</code>";
      }
      return escapeHtml(part)
        .replace(/\*\*([^*\n]+)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, "$1<em>$2</em>");
    })
    .join("");
}

export function renderMarkdown(markdown, inlineOnly = true) {
  const text = markdown == null ? "" : String(markdown);
  if (inlineOnly) return inline(text).replace(/\n/g, "<br>");
  return text
    .split(/\n{2,}/)
    .map((para) => "<p>" + inline(para).replace(/\n/g, "<br>") + "</p>")
    .join("");
}
