/**
 * A tiny XML well-formedness check for the SVG tests (no XML parser is a dependency): one root
 * element, balanced and properly nested tags, quoted attributes, no stray `<` or `&`.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const text = xml.replace(/^<\?xml[^>]*\?>/, '');
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(text))) {
    const [whole, closing, name, , selfClosing] = match;
    if (whole.startsWith('<!--')) continue;
    if (whole === '<') problems.push(`stray "<" at ${match.index}`);
    else if (whole === '&') problems.push(`unescaped "&" at ${match.index}`);
    else if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
