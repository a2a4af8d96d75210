// The keys of the live review page: each decision is sent to the review server, which checks it as
// `coopanalysis check` would, saves it, and answers with the figures and text rendered anew.
"use strict";
(() => {
  const root = document.getElementById("review");
  const token = root.dataset.token, opened = root.dataset.opened;
  const body = document.getElementById("figures"), text = document.getElementById("text");
  const status = document.getElementById("status"), errors = document.getElementById("errors");
  const editor = document.getElementById("editor"), remover = document.getElementById("remover"),
    refiler = document.getElementById("refiler");
  let current = "";

  const rows = () => [...body.querySelectorAll("tr.figure")];
  const row = (id) => rows().find((r) => r.dataset.figure === id);

  function select(id) {
    const chosen = row(id) || rows().find((r) => !r.classList.contains("done")) || rows()[0];
    for (const r of rows()) r.classList.toggle("current", r === chosen);
    for (const piece of text.querySelectorAll(".current-quote")) piece.classList.remove("current-quote");
    current = chosen ? chosen.dataset.figure : "";
    if (!chosen) return;
    const start = Number(chosen.dataset.start), end = Number(chosen.dataset.end);
    let first = null;
    for (const piece of text.children) {
      const at = Number(piece.dataset.at);
      if (at >= start && at < end) {
        piece.classList.add("current-quote");
        first = first || piece;
      }
    }
    chosen.focus({ preventScroll: true });
    chosen.scrollIntoView({ block: "nearest" });
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = rows(), i = all.findIndex((r) => r.dataset.figure === current);
    const next = all[Math.min(Math.max(i + step, 0), all.length - 1)];
    if (next) select(next.dataset.figure);
  }

  // The next figure still to review after the current one (the one a reviewer goes on to).
  function nextPending() {
    const all = rows(), i = all.findIndex((r) => r.dataset.figure === current);
    const after = all.slice(i + 1).concat(all.slice(0, Math.max(i, 0)));
    const found = after.find((r) => !r.classList.contains("done"));
    return found ? found.dataset.figure : current;
  }

  function say(message, problems) {
    status.textContent = message;
    errors.replaceChildren(...(problems || []).map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }));
  }

  async function send(decision, then) {
    say("saving…");
    let answer;
    try {
      const response = await fetch("decide", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Review-Token": token },
        body: JSON.stringify({ ...decision, opened }),
      });
      answer = await response.json();
    } catch (error) {
      answer = { ok: false, problems: [`the review server does not answer (was it stopped?): ${error}`] };
    }
    if (!answer.ok) {
      say("refused, nothing was saved:", answer.problems);
      return false;
    }
    body.innerHTML = answer.figures;
    text.innerHTML = answer.text;
    document.getElementById("progress").textContent = answer.progress;
    document.getElementById("problems").replaceChildren(...answer.problems.map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }));
    say(`saved: ${answer.said.join("; ")}`);
    select(answer.focus || then || current);
    return true;
  }

  // The selection in the text as offsets into the article (each piece knows where it starts).
  function selected() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) return null;  // words of the text only
    const offset = (node, at) => {
      if (node.nodeType === Node.TEXT_NODE) return Number(node.parentElement.dataset.at) + at;
      if (node === text) {
        const piece = text.children[at];
        return piece ? Number(piece.dataset.at) : full().length;
      }
      if (!text.contains(node)) return null;
      return Number(node.dataset.at) + (at ? node.textContent.length : 0);
    };
    const start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
    return start === null || end === null || end <= start ? null : [start, end];
  }

  const full = () => [...text.children].map((piece) => piece.textContent).join("");

  function openEditor(mode, fields) {
    editor.dataset.mode = mode;
    editor.querySelector("h2").textContent = mode === "add" ? "Add a missed figure" : `Edit ${current}`;
    for (const input of editor.querySelectorAll("input, select")) input.value = fields[input.name] || "";
    editor.showModal();
    editor.querySelector("[name=measure]").focus();
  }

  function addFromSelection() {
    const span = selected();
    if (!span) {
      say("select the words of the figure in the text first (its number and what it counts), then press n");
      return;
    }
    // A new figure starts as a level of the article's year and scope: the reviewer says what it counts.
    openEditor("add", { quote: full().slice(span[0], span[1]).trim(), kind: "level", period: root.dataset.year,
                        scope: root.dataset.scope });
  }

  editor.addEventListener("close", async () => {
    if (editor.returnValue !== "save") return;
    const fields = Object.fromEntries(new FormData(editor.querySelector("form")));
    if (editor.dataset.mode === "add") {
      const quote = fields.quote;
      delete fields.quote;
      if (!(await send({ action: "add", quote, fields }))) editor.showModal();
    } else {
      const was = JSON.parse(row(current).dataset.fields);
      const changed = Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== (was[name] || "")));
      const then = nextPending();
      if (!(await send({ action: "edit", figure_id: current, fields: changed }, then))) editor.showModal();
    }
  });

  remover.addEventListener("close", async () => {
    if (remover.returnValue !== "save") return;
    const fields = Object.fromEntries(new FormData(remover.querySelector("form")));
    const then = nextPending();
    if (!(await send({ action: "delete", figure_id: current, ...fields }, then))) remover.showModal();
  });

  document.addEventListener("keydown", (event) => {
    if (event.target.closest("dialog") || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if ((key === "j" || key === "ArrowDown") && !event.shiftKey) move(1);
    else if ((key === "k" || key === "ArrowUp") && !event.shiftKey) move(-1);
    else if (key === "a" && current) send({ action: "accept", figure_id: current }, nextPending());
    else if (key === "A") {
      if (window.confirm("Accept every figure not yet reviewed, as proposed?")) send({ action: "accept_all" });
    } else if ((key === "e" || key === "Enter") && current) openEditor("edit", JSON.parse(row(current).dataset.fields));
    else if ((key === "d" || key === "Delete") && current) {
      remover.querySelector("[name=reason]").value = "";
      remover.showModal();
      remover.querySelector("[name=category]").focus();
    } else if (key === "n") addFromSelection();
    else return;
    event.preventDefault();
  });

  body.addEventListener("click", (event) => {
    const clicked = event.target.closest("tr.figure");
    if (clicked) select(clicked.dataset.figure);
  });
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-figure]");
    if (mark && window.getSelection().isCollapsed) select(mark.dataset.figure);
    const struck = event.target.closest("s.rejected");
    if (struck && window.getSelection().isCollapsed) {
      refiler.dataset.quote = struck.dataset.quote;
      refiler.querySelector(".refiled-quote").textContent = struck.dataset.quote;
      refiler.querySelector("[name=category]").value = struck.dataset.category;
      refiler.querySelector("[name=reason]").value = "";
      refiler.showModal();
    }
  });

  refiler.addEventListener("close", async () => {
    const quote = refiler.dataset.quote;
    if (refiler.returnValue === "drop") await send({ action: "drop", quote });
    else if (refiler.returnValue === "save") {
      const fields = Object.fromEntries(new FormData(refiler.querySelector("form")));
      if (!(await send({ action: "refile", quote, ...fields }))) refiler.showModal();
    }
  });

  select("");
})();
