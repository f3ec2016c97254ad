// The login form: POST /api/auth/login sets the session cookie; errors (wrong password, throttling) are
// shown as the server words them.
import { login } from './api.js';

export function setupLogin({ form, error, onLoggedIn }) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !password) {
      error.textContent = 'Enter your email and password.';
      (email ? form.elements.password : form.elements.email).focus();
      return;
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    error.textContent = '';
    try {
      const user = await login(email, password);
      form.elements.password.value = '';
      onLoggedIn(user);
    } catch (failure) {
      error.textContent = failure.message;
      form.elements.password.select();
    } finally {
      submit.disabled = false;
    }
  });
}
