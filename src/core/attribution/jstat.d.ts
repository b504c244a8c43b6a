/** Minimal typings for jstat (it ships none): the distributions the analytics use. */
declare module 'jstat' {
  interface Dist {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const pkg: { jStat: { normal: Dist; studentt: Dist; chisquare: Dist } };
  export default pkg;
}
