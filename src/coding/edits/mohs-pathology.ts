import type { ClaimEdit } from './edit';

/** 88305 is not billed on Mohs tissue: the Mohs surgeon is the pathologist [aapc-path]. */
export const mohsPathology: ClaimEdit = {
  id: 'MOHS-NO-88305',
  summary: "Flags the provider's 88305 on a Mohs visit (Mohs includes the pathology) [aapc-path].",
  apply(_claim, ctx) {
    if (ctx.mohsLesion.size === 0) return;
    ctx.visit.providerCodes.forEach((pc, i) => {
      if (pc.code === '88305')
        ctx.find(
          'MOHS-NO-88305',
          'warning',
          '88305 is not billed on Mohs tissue (the Mohs surgeon is the pathologist) unless the specimen is unrelated [aapc-path].',
          [`providerCodes[${i}].code`],
        );
    });
  },
};
