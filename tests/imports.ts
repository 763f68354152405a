import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The import graph of the source tree, read with TypeScript's parser (not a regular expression,
// so comments, strings and `import type` are told apart), for the tests that keep the layers and
// the client bundles honest.

const ROOT = path.resolve(import.meta.dirname, '..');

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;

export type ImportRef = {
  /** As written: '@/lib/db/client', './state', 'node:fs'. */
  specifier: string;
  /** Erased at build time (`import type`, or every name imported is a type). */
  typeOnly: boolean;
};

export type SourceFile = {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  imports: ImportRef[];
  /** The file's directives before any statement: 'use client', 'use server'. */
  directives: string[];
};

/** Every source file under the given folders (relative to the repository root). */
export function sourceFiles(...folders: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'generated') walk(rel);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(rel);
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

const parsed = new Map<string, SourceFile>();

export function readSource(file: string): SourceFile {
  const known = parsed.get(file);
  if (known) return known;
  const result = parseSource(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
  parsed.set(file, result);
  return result;
}

export function parseSource(file: string, text: string): SourceFile {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kindOf(file));
  const imports: ImportRef[] = [];
  const directives: string[] = [];
  let prologue = true;
  for (const statement of source.statements) {
    if (prologue && ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) {
      directives.push(statement.expression.text);
      continue;
    }
    prologue = false;
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      imports.push({ specifier: statement.moduleSpecifier.text, typeOnly: importIsTypeOnly(statement) });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      imports.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  // import('…') and require('…') anywhere in the file.
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) imports.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, imports, directives };
}

function kindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.m?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function importIsTypeOnly(statement: ts.ImportDeclaration): boolean {
  const clause = statement.importClause;
  if (!clause) return false; // a side-effect import: import 'server-only'
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/**
 * The repository path a specifier names ('@/lib/db/client' and '../db/client' both give
 * 'lib/db/client'), without resolving it to a file; null for a package.
 */
export function importTarget(from: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return null;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];

/** The source file a local specifier resolves to, or null for a package or a missing file. */
export function resolveImport(from: string, specifier: string): string | null {
  const target = importTarget(from, specifier);
  if (target === null) return null;
  for (const ext of EXTENSIONS) {
    const candidate = `${target}${ext}`;
    const full = path.join(ROOT, candidate);
    if (SOURCE.test(candidate) && fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return null;
}

/** Whether a repository path lies in a folder (the folder itself, or anything under it). */
export const isUnder = (target: string, folder: string) => target === folder || target.startsWith(`${folder}/`);
