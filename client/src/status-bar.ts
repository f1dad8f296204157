/**
 * The status bar item: starting, analysing, the number of findings, or an error. Clicking it opens the output
 * channel, where the server logs what went wrong.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('piilint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'piilint';
    this.item.command = 'piilint.showOutput';
    this.item.show();
  }

  starting(): void {
    this.set('$(sync~spin) piilint', vscode.l10n.t('piilint is starting'));
  }

  failed(message: string): void {
    this.set('$(error) piilint', message, new vscode.ThemeColor('statusBarItem.errorBackground'));
  }

  update(status: StatusParams): void {
    switch (status.state) {
      case 'analysing':
        this.set('$(sync~spin) piilint', vscode.l10n.t('piilint is analysing'));
        break;
      case 'error':
        this.failed(status.message ?? vscode.l10n.t('piilint could not analyse the workspace; see the output.'));
        break;
      case 'disabled':
        this.set('$(circle-slash) piilint', vscode.l10n.t('piilint is disabled (piilint.enable)'));
        break;
      default:
        this.set(
          status.findings > 0 ? `$(shield) piilint: ${status.findings}` : '$(shield) piilint',
          vscode.l10n.t('piilint: {0} problem(s) in {1} file(s)', status.findings, status.files),
        );
    }
  }

  dispose(): void {
    this.item.dispose();
  }

  private set(text: string, tooltip: string, background?: vscode.ThemeColor): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
  }
}
