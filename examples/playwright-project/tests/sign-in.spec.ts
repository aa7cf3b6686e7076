import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

/** The demo page, opened from disk: no web server needed. */
const LOGIN_PAGE = pathToFileURL(path.join(import.meta.dirname, '..', '..', 'login-app', 'index.html')).href;

/**
 * Vaider keeps a screen as a keyframe once it has held still for half a second of video, so each
 * screen worth judging is held a little longer than that.
 */
const SETTLE_MS = 800;

/**
 * The last screen is held longer: Chromium's screencast sends frames only as often as a busy machine
 * lets it, and the recording stops when the test ends.
 */
const FINAL_HOLD_MS = 1500;

async function signIn(page: Page, password: string): Promise<void> {
  await page.goto(LOGIN_PAGE);
  await page.getByTestId('email').fill('alice@example.com');
  await page.waitForTimeout(SETTLE_MS);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in').click();
}

test.describe('sign in', () => {
  test(
    'a wrong password shows an error',
    {
      annotation: [
        { type: 'vaider', description: "shows 'Sign in to continue' then 'Invalid password'" },
        { type: 'vaider', description: "never shows 'Welcome, Alice'" },
      ],
    },
    async ({ page }) => {
      await signIn(page, 'wrong');
      await expect(page.getByRole('alert')).toHaveText('Invalid password');
      await page.waitForTimeout(FINAL_HOLD_MS);
    },
  );

  test(
    'the right password opens the dashboard',
    {
      annotation: [
        { type: 'vaider', description: "at the end shows 'Welcome, Alice'" },
        { type: 'vaider', description: 'no error message' },
      ],
    },
    async ({ page }) => {
      await signIn(page, 'correct horse');
      await expect(page.getByText('Welcome, Alice')).toBeVisible();
      await page.waitForTimeout(FINAL_HOLD_MS);
    },
  );

  // Deliberately wrong: the page says 3 new messages. Playwright passes (it only checks the dashboard
  // opened); Vaider reads the screen and reports the mismatch.
  test(
    'the dashboard counts unread messages',
    {
      annotation: [{ type: 'vaider', description: "at the end shows 'You have 5 new messages'" }],
    },
    async ({ page }) => {
      await signIn(page, 'correct horse');
      await expect(page.getByText('Dashboard')).toBeVisible();
      await page.waitForTimeout(FINAL_HOLD_MS);
    },
  );
});
