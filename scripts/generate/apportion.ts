// Dividing a fixed number of seats (party branches, groups, unit heads) among parties by weight,
// with a floor and a cap per party: D'Hondt's highest averages, ties to the lower index.

export function apportion(total: number, weights: readonly number[], caps: readonly number[], floorEach = 0): number[] {
  const seats = weights.map((_, i) => Math.min(floorEach, caps[i]!));
  let given = seats.reduce((a, b) => a + b, 0);
  if (given > total) throw new Error(`apportion: ${weights.length} parties need ${given} seats, only ${total} to give`);
  const room = caps.reduce((a, b) => a + b, 0);
  if (room < total) throw new Error(`apportion: ${total} seats but room for only ${room}`);
  while (given < total) {
    let best = -1;
    let bestQuotient = -1;
    for (let i = 0; i < weights.length; i++) {
      if (seats[i]! >= caps[i]!) continue;
      const q = weights[i]! / (seats[i]! + 1);
      if (q > bestQuotient) {
        bestQuotient = q;
        best = i;
      }
    }
    seats[best]! += 1;
    given++;
  }
  return seats;
}
