/** CDS Hooks feedback (2.0, "Feedback") from the EHR to the service whose card the clinician acted on. */
import type { FeedbackItem } from '../../cds-service/contract/cds-hooks';
import type { EhrSigner } from '../ehr-identity';
import type { RegisteredService } from './contract';
import { outboundJson, type OutboundOptions, type OutboundResponse } from './outbound';

export async function sendFeedback(
  signer: EhrSigner,
  service: RegisteredService,
  item: FeedbackItem,
  outbound: OutboundOptions = {},
): Promise<OutboundResponse> {
  const url = `${service.baseUrl}/cds-services/${encodeURIComponent(service.id)}/feedback`;
  return outboundJson(
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signer.sign(url)}`,
      },
      body: JSON.stringify({ feedback: [item] }),
    },
    outbound,
  );
}
