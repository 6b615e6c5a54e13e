// fontkit 2 ships no types; fontkit.ts states the little of it that is used.
declare module 'fontkit';
