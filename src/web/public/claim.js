// The claim page: decisions through the API, and amendments checked by the coding rules as you type.
'use strict';

(function () {
  const actions = document.getElementById('actions');
  if (!actions) return;
  const { api } = window.dermclaims;
  const visitId = actions.dataset.visitId;
  const base = `/v1/visits/${encodeURIComponent(visitId)}`;
  const outcome = document.getElementById('decision-outcome');
  const amendForm = document.getElementById('amend-form');
  const checkBox = document.getElementById('amend-check');

  const list = (text) =>
    text
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);

  function amendment(form) {
    const lines = [...form.querySelectorAll('tr.amend-line')].map((row) => ({
      code: row.querySelector('[name=code]').value.trim().toUpperCase(),
      modifiers: list(row.querySelector('[name=modifiers]').value.toUpperCase()),
      units: Number(row.querySelector('[name=units]').value),
      diagnosisPointers: list(row.querySelector('[name=pointers]').value).map(Number),
    }));
    const diagnosisCodes = list(form.elements.diagnosisCodes.value.toUpperCase());
    return diagnosisCodes.length ? { lines, diagnosisCodes } : { lines };
  }

  function showProblems(box, heading, problems) {
    box.replaceChildren();
    const p = document.createElement('p');
    p.textContent = heading;
    box.append(p);
    if (!problems || problems.length === 0) return;
    const ul = document.createElement('ul');
    for (const problem of problems) {
      const li = document.createElement('li');
      li.textContent = `${problem.path}: ${problem.message}`;
      ul.append(li);
    }
    box.append(ul);
  }

  /** Marks the inputs a problem names (lines.2.code → the code input of the third line). */
  function markInvalid(problems) {
    const rows = [...amendForm.querySelectorAll('tr.amend-line')];
    amendForm.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    for (const { path } of problems || []) {
      const [, index, field] = /^lines\.(\d+)\.(\w+)/.exec(path) || [];
      const name = field === 'diagnosisPointers' ? 'pointers' : field;
      rows[Number(index)]?.querySelector(`[name=${name}]`)?.setAttribute('aria-invalid', 'true');
    }
  }

  let pending;
  async function checkAmendment() {
    const { status, body } = await api('POST', `${base}/amendment-check`, amendment(amendForm));
    const problems = body.problems || [];
    markInvalid(problems);
    if (status === 200 && body.accepted) showProblems(checkBox, 'The coding rules accept these lines.', []);
    else
      showProblems(
        checkBox,
        status === 200 ? 'The coding rules refuse these lines:' : body.error || 'Not valid:',
        problems,
      );
  }

  amendForm?.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(checkAmendment, 400);
  });

  function renumber() {
    amendForm.querySelectorAll('tr.amend-line').forEach((row, i) => {
      const n = i + 1;
      row.querySelector('[name=code]').setAttribute('aria-label', `Line ${n} code`);
      row.querySelector('[name=modifiers]').setAttribute('aria-label', `Line ${n} modifiers`);
      row.querySelector('[name=units]').setAttribute('aria-label', `Line ${n} units`);
      row.querySelector('[name=pointers]').setAttribute('aria-label', `Line ${n} diagnosis pointers`);
      row.querySelector('.remove-line').setAttribute('aria-label', `Remove line ${n}`);
    });
  }

  document.getElementById('add-line')?.addEventListener('click', () => {
    const rows = amendForm.querySelectorAll('tr.amend-line');
    const copy = rows[rows.length - 1].cloneNode(true);
    copy.querySelectorAll('input').forEach((input) => (input.value = input.name === 'units' ? '1' : ''));
    amendForm.querySelector('tbody').append(copy);
    renumber();
    copy.querySelector('[name=code]').focus();
  });

  amendForm?.addEventListener('click', (event) => {
    const remove = event.target.closest('.remove-line');
    if (!remove || amendForm.querySelectorAll('tr.amend-line').length === 1) return;
    remove.closest('tr').remove();
    renumber();
    amendForm.elements.diagnosisCodes.focus();
    checkAmendment();
  });

  async function decide(form) {
    const decision = { action: form.dataset.decision, taskId: actions.dataset.taskId };
    const note = form.elements.note?.value.trim();
    if (note) decision.note = note;
    if (decision.action === 'amend') Object.assign(decision, amendment(form));
    showProblems(outcome, 'Sending…', []);
    const { status, body } = await api('POST', `${base}/review-decision`, decision);
    if (status === 200) {
      showProblems(
        outcome,
        `Done: ${body.action.replaceAll('_', ' ')} by ${body.decidedBy}. The claim moves on below.`,
        [],
      );
      actions.querySelectorAll('button, input, textarea').forEach((el) => (el.disabled = true));
      window.htmx?.ajax('GET', `/claims/${encodeURIComponent(visitId)}/live?watch=100`, {
        target: '#claim-live',
        swap: 'outerHTML',
      });
    } else {
      showProblems(outcome, `Refused, nothing changed: ${body.error || status}`, body.problems);
      if (decision.action === 'amend') markInvalid(body.problems);
    }
    outcome.focus();
  }

  outcome.tabIndex = -1;
  actions.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-decision]');
    if (!form) return;
    event.preventDefault();
    decide(form);
  });
})();
