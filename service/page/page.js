// The editors' page: a bundle in, the brief out, every citation highlighted on the exact
// characters it cites. Uses the public API only. Offsets are Unicode code points, as the API
// documents; JavaScript strings count UTF-16 units, so text is sliced as an array of code points.
"use strict";

const $ = (selector) => document.querySelector(selector);
const texts = new Map(); // article id -> the text as sent, which offsets point into
let brief = null;

function addArticle(text = "", id = "") {
  const n = $("#articles").children.length + 1;
  const box = document.createElement("div");
  box.className = "article";
  box.innerHTML = `<input aria-label="Title of article ${n}" placeholder="Title (optional)">` +
    `<textarea rows="5" aria-label="Text of article ${n}" placeholder="Article ${n}: paste its text"></textarea>`;
  box.querySelector("textarea").value = text;
  box.dataset.id = id;
  $("#articles").append(box);
  return box;
}

function safeId(name, taken) {
  let id = name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._:-]/g, "-").slice(0, 120) || "article";
  while (taken.has(id)) id += "-2";
  taken.add(id);
  return id;
}

function collect() {
  const taken = new Set();
  const articles = [];
  texts.clear();
  for (const box of $("#articles").children) {
    const text = box.querySelector("textarea").value;
    if (!text.trim()) continue;
    const id = safeId(box.dataset.id || `a${articles.length + 1}`, taken);
    const title = box.querySelector("input").value.trim();
    texts.set(id, text);
    articles.push(title ? { id, title, text } : { id, text });
  }
  for (const url of $("#links").value.split(/\s+/).filter((line) => line)) {
    articles.push({ url }); // fetched by the service; the response carries the text it cites
  }
  return { articles, max_words: Number($("#words").value) };
}

function say(message, error = false) {
  $("#status").textContent = message;
  $("#status").className = error ? "error" : "";
}

async function submit(event) {
  event.preventDefault();
  const bundle = collect();
  if (bundle.articles.length < 2) return say("A brief needs at least two articles.", true);
  const headers = { "Content-Type": "application/json" };
  const key = $("#key").value.trim();
  if (key) headers["X-API-Key"] = key;
  say("Writing the brief…");
  $("#go").disabled = true;
  try {
    const response = await fetch("/v1/briefs", { method: "POST", headers, body: JSON.stringify(bundle) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : `HTTP ${response.status}`;
      return say(`The service refused the bundle: ${detail}`, true);
    }
    brief = body;
    render();
    const skipped = (brief.left_out || []).map((l) => `${l.url} (${l.reason})`);
    say(`${brief.words} words, ${brief.brief.length} sentences (${brief.mode}).` +
      (skipped.length ? ` Left out: ${skipped.join("; ")}.` : ""));
  } catch (error) {
    say(`The service could not be reached: ${error}`, true);
  } finally {
    $("#go").disabled = false;
  }
}

function sourceText(source) {
  return source.text ?? texts.get(source.id) ?? "";
}

function render() {
  const number = new Map(brief.sources.map((s, i) => [s.id, i + 1]));
  const list = $("#brief");
  list.replaceChildren();
  brief.brief.forEach((sentence, index) => {
    const item = document.createElement("li");
    item.tabIndex = 0;
    item.setAttribute("role", "button");
    item.dataset.index = index;
    item.append(sentence.text);
    if (sentence.method !== "extracted") {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = sentence.method === "condensed" ? "shortened" : "rewritten";
      item.append(badge);
    }
    for (const citation of sentence.citations) {
      const marker = document.createElement("button");
      marker.type = "button";
      marker.className = "marker";
      marker.textContent = `[${number.get(citation.article_id)}]`;
      marker.title = `${citation.support} support`;
      marker.addEventListener("click", (event) => { event.stopPropagation(); choose(item, [citation]); });
      item.append(marker);
    }
    const pick = () => choose(item, sentence.citations);
    item.addEventListener("click", pick);
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); }
      if (event.key === "ArrowDown") item.nextElementSibling?.focus();
      if (event.key === "ArrowUp") item.previousElementSibling?.focus();
    });
    list.append(item);
  });

  const sources = $("#sources");
  sources.replaceChildren();
  for (const source of brief.sources) {
    const box = document.createElement("article");
    box.className = "source";
    box.dataset.id = source.id;
    const title = source.title || source.source || source.id;
    box.innerHTML = `<h3></h3><div class="text"></div>`;
    box.querySelector("h3").textContent = `[${number.get(source.id)}] ${title}`;
    box.querySelector(".text").textContent = sourceText(source);
    sources.append(box);
  }

  const differ = $("#differ");
  differ.replaceChildren();
  if (brief.disagreements?.length) {
    differ.innerHTML = "<h3>The sources differ on</h3><ul></ul>";
    for (const note of brief.disagreements) {
      const item = document.createElement("li");
      item.append(`${note.what}: `);
      for (const version of note.versions) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = `${version.text} ${version.citations.map((c) => `[${number.get(c.article_id)}]`).join("")}`;
        button.addEventListener("click", () => choose(null, version.citations.map((c) => ({ ...c, support: "partial" }))));
        item.append(button, " ");
      }
      differ.querySelector("ul").append(item);
    }
  }

  const cited = new Set(brief.brief.flatMap((s) => s.citations.map((c) => c.article_id)));
  const why = {
    off_topic: "left out: it is about another story than the rest",
    no_report: "left out: no sentence a brief can carry (page text, notices)",
    used: "not cited: nothing it reports made the length",
  };
  const reason = (s) =>
    s.status === "duplicate"
      ? `left out: a copy of [${number.get(s.duplicate_of)}], which stands for both`
      : s.status === "other_language"
        ? `left out: written in another language (${s.language}); the brief reads English`
        : why[s.status] || why.used;
  const notes = brief.sources.filter((s) => !cited.has(s.id)).map((s) => `[${number.get(s.id)}] ${reason(s)}`);
  for (const link of brief.left_out || []) notes.push(`${link.url}: left out, ${link.reason}`);
  const leftOut = $("#left-out");
  leftOut.replaceChildren();
  if (notes.length) {
    leftOut.innerHTML = "<h3>Sources not in the brief</h3><ul></ul>";
    for (const note of notes) {
      const item = document.createElement("li");
      item.textContent = note;
      leftOut.querySelector("ul").append(item);
    }
  }
  $("#result").hidden = false;
}

function choose(item, citations) {
  document.querySelectorAll("#brief li.chosen").forEach((li) => li.classList.remove("chosen"));
  if (item) item.classList.add("chosen");
  for (const box of document.querySelectorAll(".source")) {
    const source = brief.sources.find((s) => s.id === box.dataset.id);
    const points = Array.from(sourceText(source)); // code points: the API's offsets index these
    const spans = citations.filter((c) => c.article_id === source.id).sort((a, b) => a.start - b.start);
    const text = box.querySelector(".text");
    text.replaceChildren();
    let at = 0;
    for (const span of spans) {
      if (span.start < at) continue;
      text.append(points.slice(at, span.start).join(""));
      const mark = document.createElement("mark");
      mark.className = span.support === "full" ? "full" : "partial";
      mark.dataset.start = span.start;
      mark.dataset.end = span.end;
      mark.textContent = points.slice(span.start, span.end).join("");
      text.append(mark);
      at = span.end;
    }
    text.append(points.slice(at).join(""));
    // Scroll the source's own panel to its first mark; the page itself stays where the editor is.
    const first = text.querySelector("mark");
    if (first) text.scrollTop = first.offsetTop - text.offsetTop - 16;
  }
}

function asText(style) {
  const number = new Map(brief.sources.map((s, i) => [s.id, i + 1]));
  const url = new Map(brief.sources.map((s) => [s.id, s.url]));
  const marks = (sentence) => [...new Set(sentence.citations.map((c) => c.article_id))].map((id) => {
    const n = number.get(id);
    if (style === "markdown" && url.get(id)) return `[[${n}]](${url.get(id)})`;
    if (style === "slack" && url.get(id)) return `<${url.get(id)}|[${n}]>`;
    return `[${n}]`;
  }).join("");
  const lines = brief.brief.map((s) => `${s.text} ${marks(s)}`);
  const sources = brief.sources.map((s) => {
    const label = `[${number.get(s.id)}] ${s.title || s.source || s.id}`;
    return style === "markdown" ? `- ${label}${s.url ? ` <${s.url}>` : ""}` : `${label}${s.url ? ` ${s.url}` : ""}`;
  });
  const heading = style === "markdown" ? "**Sources**" : style === "slack" ? "*Sources*" : "Sources";
  return `${lines.join("\n\n")}\n\n${heading}\n${sources.join("\n")}\n`;
}

async function copy(style) {
  const box = $("#copied");
  box.value = asText(style);
  box.hidden = false;
  box.select();
  try { await navigator.clipboard.writeText(box.value); say("Copied."); } catch { say("Select the text below and copy it."); }
}

async function upload() {
  for (const file of $("#files").files) {
    const empty = [...$("#articles").children].find((b) => !b.querySelector("textarea").value.trim());
    const text = await file.text();
    if (empty) { empty.querySelector("textarea").value = text; empty.dataset.id = file.name; }
    else addArticle(text, file.name);
  }
  $("#files").value = "";
}

document.addEventListener("DOMContentLoaded", () => {
  addArticle();
  addArticle();
  $("#add").addEventListener("click", () => addArticle().querySelector("textarea").focus());
  $("#files").addEventListener("change", upload);
  $("#bundle").addEventListener("submit", submit);
  document.querySelectorAll("[data-copy]").forEach((b) => b.addEventListener("click", () => copy(b.dataset.copy)));
});
