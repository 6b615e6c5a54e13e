/**
 * The place the header names: the deployment's place on the boundary date the map shows (GET
 * /api/place through the page's source cache), so the header says "Tỉnh Ninh Bình" on a map of the
 * province's wards and "Thành phố Ninh Bình" on the city's. Set by the map page as it loads a version.
 */
import type { Place } from '../api/types.ts';
import { sources } from './sources.ts';

class PlaceShown {
  current = $state.raw<Place | null>(null);
  #asked = '';

  /** Shows the place on `at` (a failure leaves the last one: the header is not worth an error). */
  async show(asked: string): Promise<Place | null> {
    // No period yet (a portal with no figures opens before it has one): the place today, not a
    // request for a date that is not one.
    const at = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : '';
    this.#asked = at;
    try {
      const place = await sources.place(at);
      if (this.#asked === at) this.current = place;
      return place;
    } catch {
      return null;
    }
  }
}

export const placeShown = new PlaceShown();
