import 'server-only';
import { z } from 'zod';
import { deleteInstanceAction } from '@/lib/actions/instances';
import { readInstanceDetail, readInstanceList } from '@/lib/data/instances';
import { deleteInstanceInput, instanceListQuery } from '@/lib/schemas/instances';
import { actionMessage, message, route } from '../define';
import { instanceDetail, instanceList } from '../views';

const instanceId = z.object({ instanceId: z.string().min(1) });

export const instanceRoutes = [
  route({
    method: 'GET',
    path: '/instances',
    operationId: 'listInstances',
    tag: 'Instances',
    summary: 'List instances',
    description:
      "The instances of the teams the token may read, with the list page's search (`q`, on label), sort, direction and paging, and its backup filter (`health`: `problem` for overdue or failing, `waiting` for a first backup, `required` for required by the team but off). Odd values fall back to the defaults, as in the page's URL.",
    input: instanceListQuery,
    output: instanceList,
    run: (q) => readInstanceList(q),
  }),
  route({
    method: 'GET',
    path: '/instances/{instanceId}',
    operationId: 'getInstance',
    tag: 'Instances',
    summary: 'Get an instance with its disks and their usage',
    input: instanceId,
    output: instanceDetail,
    run: ({ instanceId }) => readInstanceDetail(instanceId),
  }),
  route({
    method: 'DELETE',
    path: '/instances/{instanceId}',
    operationId: 'deleteInstance',
    tag: 'Instances',
    summary: 'Delete an instance',
    description: "Deletes the instance, its disks and its backups. `confirm` must be the instance's exact label.",
    input: deleteInstanceInput,
    output: message,
    run: (input) => actionMessage(deleteInstanceAction, input),
  }),
];
