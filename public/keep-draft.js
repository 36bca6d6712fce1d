// Keeps what was typed when the language is switched before the WebAssembly has
// taken over the page: the toggle is then a plain link that loads a new page.
// Once the page is hydrated the router switches language in place, keeping the
// fields themselves, and this does nothing. Passwords and codes are never kept;
// sessionStorage is this tab's alone and the draft is removed once read.
(() => {
  'use strict';
  const KEY = 'portal-draft';
  // The page's address without its language: /fr/profile/3/address -> /profile/3/address
  const page = () => location.pathname.replace(/^\/(en|fr)(?=\/|$)/, '') + location.search;
  const SKIPPED = ['password', 'hidden', 'file', 'submit', 'button', 'reset', 'image'];
  const kept = (field) =>
    field.id && field.name && !field.disabled && !SKIPPED.includes(field.type) &&
    field.autocomplete !== 'one-time-code';
  const ticked = (field) => field.type === 'checkbox' || field.type === 'radio';

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('.language-toggle a');
    if (!link || document.documentElement.hasAttribute('data-hydrated')) return;
    const fields = {};
    for (const field of document.querySelectorAll('form input, form select, form textarea')) {
      if (kept(field)) fields[field.id] = ticked(field) ? field.checked : field.value;
    }
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ page: page(), fields }));
    } catch (_) { /* storage off: the new page opens empty, as without this script */ }
  }, true);

  let draft = null;
  try {
    draft = JSON.parse(sessionStorage.getItem(KEY));
    sessionStorage.removeItem(KEY);
  } catch (_) { return; }
  if (!draft || draft.page !== page()) return;
  for (const [id, value] of Object.entries(draft.fields || {})) {
    const field = document.getElementById(id);
    if (!field || !kept(field)) continue;
    if (ticked(field)) field.checked = value === true;
    else field.value = String(value);
  }
})();
