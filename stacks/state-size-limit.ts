import { TerraformResource, TerraformStack } from 'cdktf';
import { ValidationError } from '../lib/domain/validation-error';
import { tenantStatePrefix } from '../lib/domain/platform/tenant-states';

/**
 * Fails synthesis when a stack holds more Terraform resources than the platform's limit (`terraformStates.maxResources`),
 * naming the stack, its count and the way out. Runs as a construct validation, so add-on resources are counted too.
 */
export function limitStateSize(stack: TerraformStack, maxResources: number, platform: string): void {
  stack.node.addValidation({
    validate: () => {
      const count = stack.node.findAll().filter((c) => c instanceof TerraformResource).length;
      if (count <= maxResources) return [];
      const isTenantState = stack.node.id.startsWith(tenantStatePrefix(platform));
      const fix = isTenantState
        ? `move tenants out of it with \`plan --move-tenant <tenant> --to <stack>\` (README "Moving a tenant between states"), or raise terraformStates.maxResources`
        : 'split what it holds (e.g. fewer dedicated-nodes pools per cluster), or raise terraformStates.maxResources';
      return [new ValidationError({ path: stack.node.path, field: 'resources', value: count, problem: `is over the limit of ${maxResources} resources per Terraform state`, fix }).message];
    },
  });
}
