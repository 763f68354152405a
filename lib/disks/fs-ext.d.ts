// fs-ext ships no types; Lifeboat uses one call of it (lseek with SEEK_DATA/SEEK_HOLE).
declare module 'fs-ext' {
  export function seekSync(fd: number, offset: number, whence: number): number;
}
