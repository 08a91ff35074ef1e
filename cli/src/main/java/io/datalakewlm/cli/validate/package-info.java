/**
 * {@code wlm validate}: the offline checks of what gets deployed, since neither SAM CLI nor
 * cfn-lint can run here. {@link io.datalakewlm.cli.validate.RepositoryValidator} reads the SAM
 * template (CloudFormation short-form tags kept), the state machine definitions it deploys,
 * {@code samconfig.toml} and the dataset configs and priority files, and reports every
 * {@link io.datalakewlm.cli.validate.Problem} with its file, line and path: resource properties
 * that the CloudFormation or SAM specification does not have, lacks or types otherwise, definitions that the
 * runtime's validator rejects, substitutions used but not defined (or defined but not used),
 * references to resources, activities and tables that do not exist, IAM policies that allow
 * less or more than the definitions and the workers use, samconfig parameters the template does
 * not have or values it refuses, slots that a path of a state machine acquires and never
 * releases, and config files the workers' loaders refuse.
 */
package io.datalakewlm.cli.validate;
