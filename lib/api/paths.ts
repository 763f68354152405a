// Path templates of /api/v1 (`/images/{imageId}/deploy`) matched against a request's path.
// A parameter is one path segment, never empty and never a slash.

export type PathMatch = Record<string, string>;

export function compilePath(template: string): (pathname: string) => PathMatch | null {
  const names: string[] = [];
  const pattern = template
    .split('/')
    .map((part) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${pattern}/?$`);
  return (pathname) => {
    const m = regex.exec(pathname);
    if (!m) return null;
    const params: PathMatch = {};
    for (const [i, name] of names.entries()) {
      // A segment that does not decode (%zz) matches nothing: a 404, not a crash.
      try {
        params[name] = decodeURIComponent(m[i + 1]);
      } catch {
        return null;
      }
    }
    return params;
  };
}

/** A query string as a plain object; a name given more than once becomes an array. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}
