import { todayInVietnam } from '../../geo/periods.ts';
import type { SetupRepository } from './setup.repository.ts';
import type { SetupStatus } from './setup.schemas.ts';

/**
 * Where a deployment stands on its first run (README, "Bring your own city"): boundaries imported,
 * indicators in the catalogue, observations imported. The web's guide marks each step done or not
 * from these figures, so it tells the truth after an import, a demo removal or a restore alike.
 */
export class SetupService {
  constructor(
    private readonly repo: Pick<SetupRepository, 'counts'>,
    private readonly isDemo: () => Promise<boolean>,
  ) {}

  async status(): Promise<SetupStatus> {
    const at = todayInVietnam();
    const [c, demo] = await Promise.all([this.repo.counts(at), this.isDemo()]);
    return { demo, wards: c.wards, groups: c.groups, indicators: c.indicators, indicators_with_data: c.with_data, at };
  }
}
