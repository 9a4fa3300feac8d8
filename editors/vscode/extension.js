// The spd extension: highlighting comes from the TextMate grammar; everything else from the language server,
// `spd lsp`, which this starts (the same server Neovim and Emacs use; see README.md).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('spd');
  const command = config.get('server.path') || 'spd';
  const args = config.get('server.args') || ['lsp'];
  client = new LanguageClient('spd', 'spd language server',
    { command, args, options: { env: process.env } },
    { documentSelector: [{ language: 'spd' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.spd') } });
  client.start().catch((error) => {
    vscode.window.showErrorMessage(`spd: cannot start the language server '${command} ${args.join(' ')}': ${error.message}. `
      + 'Set "spd.server.path" to the spd launcher of your checkout (e.g. /path/to/spd/spd).');
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
