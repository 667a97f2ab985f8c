// The page of `gongwen serve`: an editor for the source, a form for its common fields, a live
// preview of the laid-out pages, import of drafts, a seal, and downloads. Everything goes
// through the HTTP API of the same server; nothing is fetched from elsewhere.
"use strict";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const DEBOUNCE_MS = 120;
const $ = (id) => document.getElementById(id);

const state = {
  editor: null,
  images: new Map(), // name → Blob: the seals the source names, sent with every request
  token: localStorage.getItem("gongwen-token") || "",
  previewTimer: 0,
  previewSeq: 0,
};

// ---- talking to the server ----

/** The source (and its images) as a request body. */
function sourceBody(text) {
  if (state.images.size === 0) {
    return { body: text, headers: { "Content-Type": "application/yaml" } };
  }
  const form = new FormData();
  form.append("source", new Blob([text], { type: "application/yaml" }), "source.yaml");
  for (const [name, blob] of state.images) form.append(name, blob, name);
  return { body: form, headers: {} };
}

/** fetch with the token, asking for it once when the server wants one. */
async function api(path, init = {}) {
  const headers = { ...(init.headers || {}) };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    const token = prompt("这台服务器要求令牌（token），请输入：");
    if (token) {
      state.token = token;
      localStorage.setItem("gongwen-token", token);
      return api(path, init);
    }
  }
  return response;
}

/** An error response's message, with its place. */
async function errorOf(response) {
  try {
    const { error } = await response.json();
    return error;
  } catch {
    return { message: `服务器回答 ${response.status}` };
  }
}

// ---- the preview ----

function schedulePreview() {
  clearTimeout(state.previewTimer);
  state.previewTimer = setTimeout(preview, DEBOUNCE_MS);
}

async function preview() {
  const seq = ++state.previewSeq;
  const started = performance.now();
  setStatus("正在排版…");
  let response;
  try {
    // PNG pages at the screen's resolution: quick to show (SVG pages took ten times as long).
    const dpi = Math.round(96 * Math.min(window.devicePixelRatio || 1, 3));
    response = await api("/api/preview?dpi=" + dpi, { method: "POST", ...sourceBody(state.editor.getText()) });
  } catch (e) {
    return setStatus("无法连接服务器：" + e.message, true);
  }
  if (seq !== state.previewSeq) return; // a newer edit is on its way
  if (!response.ok) {
    const error = await errorOf(response);
    const place = error.line ? `第 ${error.line} 行第 ${error.column} 列：` : "";
    setStatus("源文件有错误，预览未更新。" + place + error.message + (error.hint ? `（${error.hint}）` : ""), true);
    if (error.line) {
      state.editor.setFindings([{ line: error.line, column: error.column, severity: "error", message: error.message }]);
    }
    document.body.dataset.previewError = "1";
    return previewed();
  }
  const result = await response.json();
  if (seq !== state.previewSeq) return;
  delete document.body.dataset.previewError;
  await showPages(result.pages, result.findings);
  if (seq !== state.previewSeq) return;
  showFindings(result.findings, result.warnings);
  const ms = Math.round(performance.now() - started);
  const errors = result.findings.filter((f) => f.level === "error").length;
  const warnings = result.findings.length - errors + result.warnings.length;
  setStatus(`共 ${result.pages.length} 页 · ${ms} 毫秒` + (errors ? ` · ${errors} 个错误` : "") + (warnings ? ` · ${warnings} 个提示` : ""));
  document.body.dataset.pages = String(result.pages.length);
  previewed();
}

/** Counts the previews shown (an error shown counts): tests wait on it. */
function previewed() {
  document.body.dataset.previews = String(Number(document.body.dataset.previews || 0) + 1);
}

function setStatus(text, error = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", error);
}

/** The pages as pictures (data URLs), each with the page audit's findings marked on it; the
 * first pages drawn before the old ones go, so the preview does not flash blank. */
async function showPages(pages, findings) {
  const elements = pages.map((url, i) => {
    const page = document.createElement("div");
    page.className = "page";
    page.dataset.page = String(i + 1);
    const img = document.createElement("img");
    img.alt = `第 ${i + 1} 页`;
    img.src = url;
    page.append(img);
    const onPage = findings.filter((f) => f.page === i + 1);
    if (onPage.length) {
      const marks = document.createElement("div");
      marks.className = "marks" + (onPage.some((f) => f.level === "error") ? " error" : "");
      for (const f of onPage) {
        const line = document.createElement("div");
        line.append(findingLink(f));
        marks.append(line);
      }
      page.append(marks);
    }
    return page;
  });
  await Promise.all(elements.slice(0, 3).map((page) => page.firstChild.decode().catch(() => {})));
  $("pages").replaceChildren(...elements);
}

function findingLink(f) {
  const link = document.createElement("a");
  link.textContent = `第 ${f.line} 行：${f.message}`;
  link.addEventListener("click", () => state.editor.goto(f.line, f.column || 1));
  return link;
}

/** Findings in the editor, at their places, and listed under it. */
function showFindings(findings, warnings) {
  const marks = findings.map((f) => ({
    line: f.line, column: f.column, severity: f.level === "error" ? "error" : "warning",
    message: `${f.message} [${f.rule}]`,
  }));
  for (const w of warnings) {
    if (w.line) marks.push({ line: w.line, column: w.column || 1, severity: "warning", message: w.message });
  }
  state.editor.setFindings(marks);
  const report = $("report");
  const kept = report.querySelector(".import");
  report.replaceChildren(...(kept ? [kept] : []));
  if (findings.length || warnings.length) {
    const list = document.createElement("ul");
    for (const f of findings) {
      const item = document.createElement("li");
      item.className = f.level;
      item.append(findingLink(f));
      list.append(item);
    }
    for (const w of warnings) {
      const item = document.createElement("li");
      item.className = "warning";
      item.textContent = (w.line ? `第 ${w.line} 行：` : "") + w.message;
      list.append(item);
    }
    const title = document.createElement("h3");
    title.textContent = "检查结果";
    report.append(title, list);
  }
}

// ---- drafts in ----

/** Imports a draft (a file or pasted text) into the editor, listing what the importer did. */
async function importDraft(body, type) {
  setStatus("正在导入…");
  const response = await api("/api/import", { method: "POST", body, headers: { "Content-Type": type } });
  if (!response.ok) {
    const error = await errorOf(response);
    return setStatus("导入失败：" + error.message + (error.hint ? `（${error.hint}）` : ""), true);
  }
  const result = await response.json();
  state.images = new Map(result.images.map((im) => [im.name, base64Blob(im.base64, "image/png")]));
  state.editor.setText(result.yaml);
  showKind(result.yaml);
  reportImport(result);
}

/** The 文种 menu follows the source's template (a speech names none). */
function showKind(yaml) {
  const named = (yaml.match(/^template:\s*([a-z]+)/m) || [])[1] || "speech";
  if ([...$("kind").options].some((o) => o.value === named)) $("kind").value = named;
}

function base64Blob(text, type) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function reportImport(result) {
  const box = document.createElement("div");
  box.className = "import";
  const add = (title, items) => {
    if (!items.length) return;
    const heading = document.createElement("h3");
    heading.textContent = title;
    const list = document.createElement("ul");
    for (const item of items) list.append(item);
    box.append(heading, list);
  };
  const guesses = result.yaml.split("\n").flatMap((line, i) => {
    const at = line.indexOf("# guess");
    if (at < 0) return [];
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.textContent = `第 ${i + 1} 行：${line.slice(at + 2).trim()}`;
    link.addEventListener("click", () => state.editor.goto(i + 1, 1));
    item.append(link);
    return [item];
  });
  add("导入时的推断（请核对）", guesses);
  add("删去的行", result.dropped.map((d) => li(`原第 ${d.line} 行（${d.reason}）：${d.text}`)));
  add("说明", result.notes.map((n) => li(n)));
  $("report").replaceChildren(box);
}

function li(text) {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

async function importFile(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith(".yaml") || name.endsWith(".yml")) {
    state.images.clear();
    const text = await file.text();
    state.editor.setText(text);
    showKind(text);
    return;
  }
  const type = name.endsWith(".docx") ? DOCX_TYPE : "text/plain";
  await importDraft(file, type);
}

// ---- the form: the same source, its common fields ----

function fillForm() {
  const doc = GongwenEditor.parseDocument(state.editor.getText());
  for (const input of $("form").querySelectorAll("input[data-path]")) {
    const value = doc.getIn(input.dataset.path.split("."));
    const scalar = value === undefined || value === null || typeof value !== "object";
    input.value = scalar ? (value ?? "") : "";
    input.disabled = !scalar;
    input.title = scalar ? "" : "这一项有多行或多个部分，请在源文件里编辑";
  }
}

function formChanged(event) {
  const input = event.target;
  const doc = GongwenEditor.parseDocument(state.editor.getText());
  const path = input.dataset.path.split(".");
  if (input.value.trim() === "") doc.deleteIn(path);
  else doc.setIn(path, input.value);
  state.editor.setText(doc.toString());
}

function showTab(form) {
  $("editor").hidden = form;
  $("form").hidden = !form;
  $("tab-source").classList.toggle("active", !form);
  $("tab-form").classList.toggle("active", form);
  if (form) fillForm();
}

// ---- the seal ----

async function uploadSeal(file) {
  const name = "seal.png";
  state.images.set(name, file);
  const doc = GongwenEditor.parseDocument(state.editor.getText());
  doc.setIn(["signature", "seal"], name);
  state.editor.setText(doc.toString());
}

// ---- downloads ----

async function download(button) {
  const { format, page, long, standard } = button.dataset;
  const query = new URLSearchParams({ format });
  if (page) query.set("page", page);
  if (long) query.set("long_image", "true");
  if (standard) query.set("pdf_standard", standard);
  setStatus("正在生成下载文件…");
  const response = await api("/api/render?" + query, { method: "POST", ...sourceBody(state.editor.getText()) });
  if (!response.ok) {
    const error = await errorOf(response);
    return setStatus("生成失败：" + error.message, true);
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || "document";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus(`已下载 ${name}`);
}

// ---- start ----

async function starter(kind) {
  const response = await api("/api/starter?kind=" + encodeURIComponent(kind));
  return response.ok ? response.text() : "";
}

async function start() {
  const schema = await (await api("/api/schema")).json();
  const text = await starter($("kind").value);
  state.editor = GongwenEditor.create($("editor"), { doc: text, schema, onChange: schedulePreview });
  window.gongwenEditor = state.editor; // for tests and the console
  $("new").addEventListener("click", async () => {
    state.images.clear();
    $("report").replaceChildren();
    state.editor.setText(await starter($("kind").value));
  });
  $("draft-file").addEventListener("change", (e) => e.target.files[0] && importFile(e.target.files[0]));
  $("seal-file").addEventListener("change", (e) => e.target.files[0] && uploadSeal(e.target.files[0]));
  $("paste").addEventListener("click", () => { $("paste-box").hidden = false; $("paste-text").focus(); });
  $("paste-cancel").addEventListener("click", () => { $("paste-box").hidden = true; });
  $("paste-import").addEventListener("click", async () => {
    $("paste-box").hidden = true;
    await importDraft($("paste-text").value, "text/plain; charset=utf-8");
  });
  $("tab-source").addEventListener("click", () => showTab(false));
  $("tab-form").addEventListener("click", () => showTab(true));
  $("form").addEventListener("change", formChanged);
  for (const button of document.querySelectorAll("button.download")) {
    button.addEventListener("click", () => download(button));
  }
  const hint = $("drop-hint");
  window.addEventListener("dragover", (e) => { e.preventDefault(); hint.hidden = false; });
  window.addEventListener("dragleave", () => { hint.hidden = true; });
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    hint.hidden = true;
    const file = e.dataTransfer.files[0];
    if (file) importFile(file);
  });
  await preview();
}

start().catch((e) => setStatus("页面无法启动：" + e.message, true));
