// Node's "constants" module as fastfile imports it: its file flags are only used on Node's file path, never in the page
// (there fastfile fetches URLs), but the names must resolve for the bundle to build. Values are Linux's.
export const O_RDONLY = 0;
export const O_RDWR = 2;
export const O_CREAT = 64;
export const O_EXCL = 128;
export const O_TRUNC = 512;
