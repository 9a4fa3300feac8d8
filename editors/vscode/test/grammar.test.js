// The TextMate grammar, run by VS Code's own engine (vscode-textmate with the oniguruma regex library) over every
// example of the repository: keywords, numbers, comments and strings get the scopes themes colour.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'spd.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => scopeName === 'source.spd'
      ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  return registry.loadGrammar('source.spd');
}

/** Every token of a text: its line, start column, text and scopes. */
function tokenize(grammar, text) {
  const tokens = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      tokens.push({ line: index + 1, start: token.startIndex, text: line.slice(token.startIndex, token.endIndex),
        scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

function examples() {
  const files = [];
  for (const dir of ['examples', 'examples/errors', 'examples/paper']) {
    const full = path.join(ROOT, dir);
    if (fs.existsSync(full)) {
      fs.readdirSync(full).filter((f) => f.endsWith('.spd')).sort().forEach((f) => files.push(path.join(full, f)));
    }
  }
  return files;
}

/** The keywords of the language, read from the lexer rules of grammar/Spd.g4 (IMPORT : 'import' ;). */
function lexerKeywords() {
  const g4 = fs.readFileSync(path.join(ROOT, 'grammar', 'Spd.g4'), 'utf8');
  return [...g4.matchAll(/^[A-Z_]+\s*:\s*'([a-z_]+)'\s*;/gm)].map((m) => m[1]);
}

const has = (token, prefix) => token.scopes.some((s) => s.startsWith(prefix));
const where = (file, token) => `${path.relative(ROOT, file)}:${token.line}:${token.start + 1} '${token.text}' ${token.scopes.join(' ')}`;

test('the examples are there to test on', () => {
  assert.ok(examples().length >= 20, `only ${examples().length} examples`);
});

test('every keyword of the lexer is highlighted as a keyword wherever the examples use it', async () => {
  const grammar = await loadGrammar();
  const keywords = lexerKeywords();
  assert.ok(keywords.includes('experiment') && keywords.includes('mask'), `keywords from Spd.g4: ${keywords}`);
  const seen = new Set();
  for (const file of examples()) {
    for (const token of tokenize(grammar, fs.readFileSync(file, 'utf8'))) {
      const word = token.text.trim();
      if (keywords.includes(word) && !has(token, 'comment') && !has(token, 'string')) {
        seen.add(word);
        const expected = word === 'inf' ? 'constant.language' : 'keyword';
        assert.ok(has(token, expected), `${where(file, token)} should be ${expected}`);
      }
    }
  }
  // Each keyword alone on a line too, so that one the examples never use is still checked.
  for (const keyword of keywords) {
    const [token] = tokenize(grammar, keyword);
    assert.ok(has(token, keyword === 'inf' ? 'constant.language' : 'keyword'), `${keyword}: ${token.scopes}`);
  }
  assert.ok(seen.size >= keywords.length - 3, `the examples use only ${[...seen]}`);
});

test('a keyword inside a longer name is not a keyword', async () => {
  const grammar = await loadGrammar();
  for (const word of ['inference', 'dataset', 'masked', 'lambda_on', 'rules']) {
    const tokens = tokenize(grammar, `let ${word} = 1`).filter((t) => t.text === word);
    assert.equal(tokens.length, 1, `${word} is split: ${JSON.stringify(tokenize(grammar, `let ${word} = 1`))}`);
    assert.ok(!has(tokens[0], 'keyword') && !has(tokens[0], 'constant.language'), `${word}: ${tokens[0].scopes}`);
  }
});

test('numbers are whole tokens with a numeric scope, exponents and ranges included', async () => {
  const grammar = await loadGrammar();
  const tokens = tokenize(grammar, 'let x = 1e-3 + 0.1307 * .5 / 2E+4\nepochs 10..100');
  const numbers = tokens.filter((t) => has(t, 'constant.numeric')).map((t) => t.text);
  assert.deepEqual(numbers, ['1e-3', '0.1307', '.5', '2E+4', '10', '100']);
  let count = 0;
  for (const file of examples()) {
    for (const token of tokenize(grammar, fs.readFileSync(file, 'utf8'))) {
      if (/^[0-9]/.test(token.text) && !has(token, 'comment') && !has(token, 'string')) {
        assert.ok(has(token, 'constant.numeric'), where(file, token));
        count++;
      }
    }
  }
  assert.ok(count > 100, `only ${count} numbers in the examples`);
});

test('comments run from // to the end of the line, and /* */ across lines', async () => {
  const grammar = await loadGrammar();
  let lines = 0;
  for (const file of examples()) {
    const tokens = tokenize(grammar, fs.readFileSync(file, 'utf8'));
    fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, index) => {
      const at = line.indexOf('//');
      if (at < 0 || line.slice(0, at).split('"').length % 2 === 0) {
        return;
      }
      lines++;
      for (const token of tokens.filter((t) => t.line === index + 1 && t.start >= at)) {
        assert.ok(has(token, 'comment.line'), where(file, token));
      }
    });
  }
  assert.ok(lines > 50, `only ${lines} commented lines in the examples`);
  const block = tokenize(grammar, 'let a = 1 /* two\nlines */ let b = 2');
  assert.ok(block.filter((t) => t.text.includes('lines')).every((t) => has(t, 'comment.block')));
  assert.ok(has(block.find((t) => t.text === 'b'), 'variable.other.constant'), 'code resumes after */');
});

test('strings are quoted, and one left open ends at the end of its line', async () => {
  const grammar = await loadGrammar();
  const tokens = tokenize(grammar, 'data mnist { dir "data/mni\\"st" }\ndata mnist { dir "open }\nlet x = 1');
  assert.ok(tokens.filter((t) => t.line === 1 && t.text.includes('data/mni')).every((t) => has(t, 'string.quoted')));
  assert.ok(has(tokens.find((t) => t.text === '\\"'), 'constant.character.escape'));
  assert.ok(has(tokens.find((t) => t.line === 1 && t.text.trim() === '}'), 'source.spd')
    && !has(tokens.find((t) => t.line === 1 && t.text.trim() === '}'), 'string'), 'the brace after the string is code');
  assert.ok(!has(tokens.find((t) => t.line === 3 && t.text === 'let'), 'string'), 'an open string stops at its line');
  let strings = 0;
  for (const file of examples()) {
    for (const token of tokenize(grammar, fs.readFileSync(file, 'utf8'))) {
      if (token.text.startsWith('"') && !has(token, 'comment')) {
        assert.ok(has(token, 'string.quoted'), where(file, token));
        strings++;
      }
    }
  }
  assert.ok(strings > 0, 'the examples have no strings');
});

test('declarations name what they declare', async () => {
  const grammar = await loadGrammar();
  const tokens = tokenize(grammar, 'rule logsum(eps) {\n  eta(w) = |w|\n}\nexperiment e {\n  mask bernoulli { keep = 1/2 }\n}');
  const scope = (text) => tokens.find((t) => t.text === text).scopes.join(' ');
  assert.match(scope('logsum'), /entity\.name\.function\.rule/);
  assert.match(scope('e'), /entity\.name\.type\.experiment/);
  assert.match(scope('eta'), /entity\.name\.function/);
  assert.match(scope('bernoulli'), /support\.type/);
});
