import 'server-only';
import { z } from 'zod';
import { captureImageAction, deleteImageAction, deployImageAction, updateImageAction } from '@/lib/actions/images';
import { readImages } from '@/lib/data/images';
import { captureImageInput, deleteImageInput, deployImageInput, updateImageInput } from '@/lib/schemas/images';
import { actionMessage, message, noInput, route, started, startedOutput } from '../define';
import { imageList } from '../views';

export const imageRoutes = [
  route({
    method: 'GET',
    path: '/images',
    operationId: 'listImages',
    tag: 'Images',
    summary: 'List images',
    description:
      "Every image of the teams the token may read, newest first, with each account's count against its limit.",
    input: noInput,
    output: imageList,
    run: () => readImages(),
  }),
  route({
    method: 'POST',
    path: '/images',
    operationId: 'captureImage',
    tag: 'Images',
    summary: 'Capture a manual image of a disk',
    description:
      "Checks the disk against the 6 GiB ceiling, the account's 25 images and the team's quota first, then answers 202 with the capture job.",
    input: captureImageInput,
    status: 202,
    output: startedOutput({ imageId: z.string() }),
    run: (input) => started(captureImageAction, input),
  }),
  route({
    method: 'PATCH',
    path: '/images/{imageId}',
    operationId: 'updateImage',
    tag: 'Images',
    summary: "Change an image's label or description",
    description: 'A field left out keeps its value; an empty description clears it.',
    input: updateImageInput,
    output: message,
    run: (input) => actionMessage(updateImageAction, input),
  }),
  route({
    method: 'DELETE',
    path: '/images/{imageId}',
    operationId: 'deleteImage',
    tag: 'Images',
    summary: 'Delete an image',
    description: "`confirm` must be the image's exact label.",
    input: deleteImageInput,
    output: message,
    run: (input) => actionMessage(deleteImageAction, input),
  }),
  route({
    method: 'POST',
    path: '/images/{imageId}/deploy',
    operationId: 'deployImage',
    tag: 'Images',
    summary: 'Deploy a new instance from an image',
    input: deployImageInput,
    status: 202,
    output: startedOutput({ instanceId: z.string() }),
    run: (input) => started(deployImageAction, input),
  }),
];
